import Foundation
import Testing
import TemporaryFolders

/// The console driven through a pseudo-terminal, as a clerk uses it.
@Suite(.serialized, .removesTemporaryFolders) struct ConsoleTests {
    let folder: String
    let home: String

    init() throws {
        folder = try Binary.sampleWorld()
        home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    private func console(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Terminal {
        try Terminal(["repl"] + extra, in: folder, environment: Terminal.environment(home: home, extra: environment))
    }

    @Test func promptMultiLineChunkAndAnErrorThenAGoodLine() throws {
        let term = try console()
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.type("for i = 1, 3 do\r")
        try term.expect(">> ", after: mark)
        try term.type("print(i * 10) end\r")
        let output = try term.expect("ruledesk> ", after: mark)
        #expect(output.contains("10\r\n20\r\n30\r\n"), "\(output)")
        mark = term.mark
        try term.type("nil + 1\r")
        try term.expect("attempt to perform arithmetic on a nil value", after: mark)
        mark = term.mark
        try term.type("6 * 7\r")
        try term.expect("42", after: mark)
        try term.key(4)
        #expect(try term.wait() == 0)
    }

    @Test func tabCompletesTicketNumbersGlobalsAndFields() throws {
        let term = try console()
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.type("ticket(\"KF-2025-00000")
        try term.expect("KF-2025-00000", after: mark)
        let bell = term.mark
        try term.key(9)   // nothing to add to the common prefix: a bell, then the second Tab lists
        try term.expect("\u{07}", after: bell)
        try term.key(9)
        try term.expect("KF-2025-000001 KF-2025-000002", after: mark)
        try term.key(21)   // Ctrl-U: drop the line
        mark = term.mark
        try term.type("\r")
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.type("string.for")
        try term.expect("string.for", after: mark)
        try term.key(9)
        try term.expect("mat", after: mark)
        try term.type("(\"%05d\", 42)\r")
        try term.expect("00042", after: mark)
        mark = term.mark
        try term.type("tick")
        try term.expect("tick", after: mark)
        try term.key(9)
        try term.type("(\"KF-2026-000014\").kind\r")
        try term.expect("repair", after: mark)
    }

    @Test func historyIsKeptAcrossTwoRuns() throws {
        let first = try console()
        try first.expect("ruledesk> ")
        let typed = first.mark
        try first.type("answer = 40 + 2\r")
        try first.expect("ruledesk> ", after: typed)
        try first.type(".quit\r")
        #expect(try first.wait() == 0)
        let history = try String(contentsOfFile: home + "/.ruledesk_history", encoding: .utf8)
        #expect(history.contains("answer"))

        let second = try console()
        try second.expect("ruledesk> ")
        let mark = second.mark
        try second.type("\u{1B}[A")   // up arrow twice: `.quit`, then the line before it from the first run
        try second.expect(".quit", after: mark)
        try second.type("\u{1B}[A")
        try second.expect("answer = 40 + 2", after: mark)
        try second.key(21)   // Ctrl-U
        let dropped = second.mark
        try second.type("\r")
        try second.expect("ruledesk> ", after: dropped)

        // Ctrl-R searches the history.
        let search = second.mark
        try second.key(18)
        try second.type("answ")
        try second.expect("answer = 40 + 2", after: search)
        let found = second.mark
        try second.type("\r")
        try second.expect("ruledesk> ", after: found)
        let ran = second.mark
        try second.type("answer\r")
        try second.expect("42", after: ran)
    }

    @Test(arguments: ["C.UTF-8", "zh_CN.UTF-8"])
    func chineseTypedByHandArrivesAndEditsKeepTheCursorAligned(lang: String) throws {
        let term = try console(environment: ["LANG": lang])
        try term.expect("ruledesk> ")
        try term.typeByHand("x = \"地暖漏水\"")
        try term.expectLine("ruledesk> x = \"地暖漏水\"", cursorAt: 24)
        try term.type("\u{1B}[D")   // left arrow: before the closing quote
        try term.expectLine("ruledesk> x = \"地暖漏水\"", cursorAt: 23)
        try term.key(0x7F)   // backspace over a double-width character
        try term.expectLine("ruledesk> x = \"地暖漏\"", cursorAt: 21)
        try term.key(1)   // Ctrl-A
        try term.expectLine("ruledesk> x = \"地暖漏\"", cursorAt: 10)
        try term.typeByHand("y = \"甲\"; ")
        try term.expectLine("ruledesk> y = \"甲\"; x = \"地暖漏\"", cursorAt: 20)
        try term.key(5)   // Ctrl-E
        try term.expectLine("ruledesk> y = \"甲\"; x = \"地暖漏\"", cursorAt: 32)
        try term.typeByHand(" .. \"水\"")
        var mark = term.mark
        try term.type("\r")
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.typeByHand("#x, x, y")
        try term.type("\r")
        try term.expect("12\t地暖漏水\t甲\r\n", after: mark)
        #expect(!term.screen.contains("not UTF-8"))
    }

    @Test func chineseIsKeptInTheHistory() throws {
        let first = try console()
        try first.expect("ruledesk> ")
        try first.typeByHand("owner = \"张三\"")
        var mark = first.mark
        try first.type("\r")
        try first.expect("ruledesk> ", after: mark)
        try first.type(".quit\r")
        #expect(try first.wait() == 0)

        let second = try console()
        try second.expect("ruledesk> ")
        try second.type("\u{1B}[A")   // up arrow twice: `.quit`, then the Chinese line
        try second.expectLine("ruledesk> .quit", cursorAt: 15)
        try second.type("\u{1B}[A")
        try second.expectLine("ruledesk> owner = \"张三\"", cursorAt: 24)
        mark = second.mark
        try second.type("\r")
        try second.expect("ruledesk> ", after: mark)
        mark = second.mark
        try second.type("#owner, owner\r")
        try second.expect("6\t张三\r\n", after: mark)
    }

    @Test(arguments: ["C", nil] as [String?])
    func aLocaleThatIsNotUTF8IsSaidOnceAndASCIIWorks(lang: String?) throws {
        var environment = Terminal.environment(home: home)
        environment["LANG"] = lang
        let term = try Terminal(["repl"], in: folder, environment: environment)
        try term.expect("ruledesk> ")
        try term.expect("the terminal's locale (\(lang.map { "LANG=\($0)" } ?? "no LANG set")) is not UTF-8")
        var mark = term.mark
        try term.typeByHand("6 * 7")
        try term.type("\r")
        try term.expect("42\r\n", after: mark)
        mark = term.mark
        try term.type("1 + 1\r")
        try term.expect("2\r\n", after: mark)
        #expect(term.screen.components(separatedBy: "start the console with LANG=C.UTF-8").count == 2, "\(term.screen)")
    }

    @Test func theConsoleHoldsNoneOfTheTestsFiles() throws {
        // Opened as a careless test would (inheritable), while a console starts.
        let held = folder + "/held-open"
        let file = open(held, O_WRONLY | O_CREAT, 0o600)
        #expect(file >= 0)
        defer { close(file) }
        let term = try console()
        try term.expect("ruledesk> ")
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(term.pid)/fd")
        let targets = descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(term.pid)/fd/\($0)") }
        #expect(!targets.contains(held), "\(targets)")
    }

    @Test func errorsAreRedOnATerminalUnlessNoColor() throws {
        let coloured = try console()
        try coloured.expect("ruledesk> ")
        try coloured.type("nil + 1\r")
        try coloured.expect("\u{1B}[31m")
        let plain = try console(environment: ["NO_COLOR": "1"])
        try plain.expect("ruledesk> ")
        let mark = plain.mark
        try plain.type("nil + 1\r")
        let output = try plain.expect("ruledesk> ", after: mark)
        #expect(output.contains("attempt to perform arithmetic") && !output.contains("\u{1B}[31m"))
    }

    @Test func ctrlCStopsARunawayLoopAndTheConsoleGoesOn() throws {
        let term = try console()
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.type("while true do end\r")
        try term.expect("while true do end\r\n", after: mark)
        // A Ctrl-C pressed once the line is entered is the chunk's, even if the chunk has not started yet.
        term.send("\u{03}")
        try term.expect("interrupted", after: mark)
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.type("half-typed")
        try term.key(3)
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.type("1 + 1\r")
        let output = try term.expect("ruledesk> ", after: mark)
        #expect(output.contains("2\r\n") && !output.contains("half-typed1"), "\(output)")
    }

    /// A Ctrl-C that comes while the console is still drawing a paste, outside any wait for a key, is not lost.
    /// SIGINT is sent as the terminal sends it for Ctrl-C but without emptying the keys typed so far, so that it
    /// surely lands while the console draws them.
    @Test func ctrlCWhileAPasteIsDrawnDropsTheLine() throws {
        let term = try console()
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.type(String(repeating: "x", count: 4000))
        kill(term.pid, SIGINT)
        try term.expect("ruledesk> ", after: mark, timeout: 20)
        mark = term.mark
        try term.key(3)   // the rest of the paste, typed after the prompt came back
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.type("\"报修\" .. 1\r")
        let output = try term.expect("ruledesk> ", after: mark)
        #expect(output.contains("报修1\r\n") && !output.contains("x报修"), "\(output)")
    }

    @Test func phonesAreMaskedUnlessAskedFor() throws {
        let term = try console()
        try term.expect("ruledesk> ")
        let mark = term.mark
        try term.type("ticket(\"KF-2026-000014\")\r")
        let card = try term.expect("ruledesk> ", after: mark)
        #expect(card.range(of: #"\nphone +138\*\*\*\*0010\r"#, options: .regularExpression) != nil, "\(card)")
        #expect(!term.screen.contains("13800000010"))
        let full = try console(["--show-pii"])
        try full.type("ticket(\"KF-2026-000014\").phone\r")
        try full.expect("13800000010")
    }

    @Test func tablesWithChineseNamesLineUp() throws {
        let term = try console(environment: ["NO_COLOR": "1"])
        try term.expect("ruledesk> ")
        let mark = term.mark
        try term.type("tickets{ limit = 8 }\r")
        let output = try term.expect("ruledesk> ", after: mark)
        let lines = output.components(separatedBy: "\r\n").filter { $0.contains("KF-") || $0.hasPrefix("number") }
        #expect(lines.count == 9, "\(output)")
        let kindColumns = Set(lines.map { line -> Int in
            let prefix = line[..<line.range(of: line.hasPrefix("number") ? "kind" : (line.contains("repair") ? "repair" : "complaint"))!.lowerBound]
            return prefix.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        })
        #expect(kindColumns.count == 1, "\(output)")
        #expect(output.contains("华庭") || output.contains("锦绣"))
    }

    @Test func pipedModeHasNoPromptsAndFailsOnAnError() throws {
        let good = try Binary.run(["repl"], in: folder, input: "x = 2\nx * 21\neval(ticket(\"KF-2026-000014\")).results.approval.tier\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "42\n2\n")
        let bad = try Binary.run(["repl"], in: folder, input: "1 + nil\n2\n")
        #expect(bad.status == 1)
        #expect(bad.stdout == "2\n")
        #expect(bad.stderr.contains("line 1: stdin:1: attempt to perform arithmetic on a nil value"))
        #expect(!bad.stdout.contains("ruledesk>") && !bad.stdout.contains("\u{1B}["))
    }

    @Test func pipedInputHasTheRulesBudget() throws {
        let result = try Binary.run(["repl"], in: folder, input: "while true do end\n6 * 7\n", timeout: 120)
        #expect(result.status == 1)
        #expect(result.stdout == "42\n")
        #expect(result.stderr.contains("line 1: stdin:1: instruction budget exhausted (10000000 instructions)"), "\(result.stderr)")
    }

    @Test func aCaseIsExplainedInChinese() throws {
        let result = try Binary.run(["repl"], in: folder, input: """
            c = case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01", received_at = "2026-02-13 16:00" }
            eval(c)
            .rules
            .format json
            eval("KF-2026-000014")
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("工单 CASE-1"))
        #expect(result.stdout.contains("approvers             deputy_gm (副总经理)"))
        #expect(result.stdout.contains("最迟 2026-02-14"))
        #expect(result.stdout.contains("  callback_due  —\n") && result.stdout.contains("  notify           —\n"))
        #expect(result.stdout.contains("rules rules, version "))
        #expect(result.stdout.contains("{\"ticket\": \"KF-2026-000014\", \"rules_version\": "))
    }
}
