import Foundation
import GRDB
import TemporaryFolders
import Testing
@testable import RuleDesk

/// The rules declare which outputs the batch copies onto the ticket and into its work order, and which are
/// deadlines; the host refuses declarations that do not fit and writes only what is declared.
@Suite(.removesTemporaryFolders) struct DeclaredResultsTests {
    /// The default rules' folder copied to a temporary one, with `edit` applied to the source of `file`.
    private func editedRules(_ file: String, _ edit: (String) -> String) throws -> RuleSet {
        let folder = try Fixtures.temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: Fixtures.root + "/rules", toPath: folder)
        let path = folder + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        return try RuleSet(folder: folder)
    }

    private func loadError(_ ruleSet: RuleSet) throws -> String {
        do {
            _ = try RuleEngine(ruleSet: ruleSet, store: nil, settings: Fixtures.shanghai)
            Issue.record("the rule set loaded")
            return ""
        } catch let error as RuleSetError {
            return error.description
        }
    }

    @Test func aRenamedOutputWithAStaleDeclarationIsRefusedAtLoad() throws {
        let message = try loadError(try editedRules("warranty.lua") {
            $0.replacingOccurrences(of: "    class = \"string?\",", with: "    work_class = \"string?\",")
        })
        #expect(message.hasSuffix("/warranty.lua: `record` names output 'class', which `outputs` does not declare; fix the name or declare the output"),
                "\(message)")
    }

    @Test func declarationsThatDoNotFitAreRefusedWithTheFile() throws {
        let cases: [(String, String, String)] = [
            ("record = { tier = \"tier\" }", "record = { tier = \"no_such_column\" }",
             "/approval.lua: `record` copies 'tier' into ticket column 'no_such_column', which does not exist; the columns are department, survey_due, repair_due, resolve_due, tier, class, major"),
            ("record = { tier = \"tier\" }", "record = { tier = \"resolve_due\" }",
             "/approval.lua: `record` copies 'tier' (integer) into ticket column 'resolve_due' (TEXT), which cannot hold it; copy an output of a fitting type"),
            ("record = { tier = \"tier\" }", "record = { tier = \"tier\", settlement_auditor = \"department\" }",
             "/assignment.lua: ticket column 'department' is claimed by "),
            ("record = { tier = \"tier\" }", "record = { tier = \"tier\" }, deadlines = { tier = \"survey\" }",
             "/approval.lua: `deadlines` names 'tier', whose type is integer; a deadline must be a date or date? output"),
            ("record = { tier = \"tier\" }", "record = 3",
             "/approval.lua: `record` must map output names to text, e.g. record = { my_output = \"department\" }"),
        ]
        for (old, new, expected) in cases {
            let message = try loadError(try editedRules("approval.lua") { $0.replacingOccurrences(of: old, with: new) })
            #expect(message.contains(expected), "\(message)")
        }
        let event = try loadError(try editedRules("revisit.lua") {
            $0.replacingOccurrences(of: "callback_due = \"callback\"", with: "callback_due = \"phoned\"")
        })
        #expect(event.hasSuffix("/revisit.lua: `deadlines` says 'callback_due' is met by 'phoned', which is not an event; use survey, feedback, consent, complete, callback or close"),
                "\(event)")
        let workOrder = try loadError(try editedRules("warranty.lua") {
            $0.replacingOccurrences(of: "  work_order = { class = \"class\" },", with: "")
        })
        #expect(workOrder.hasSuffix("/deadlines.lua: a work order needs 'class', but no rule's `work_order` copies an output into it; declare one"),
                "\(workOrder)")
    }

    @Test func consentAndResponsibleThatDoNotFitAreRefusedWithTheFile() throws {
        let consent = #"allowed_by = "needs_consent","#
        let cases: [(String, String, String, String)] = [
            ("deadlines.lua", consent, #"allowed_by = "survey_due","#,
             "/deadlines.lua: `consent` is allowed by 'survey_due', which is not a boolean output of this rule"),
            ("deadlines.lua", #"extends = { "repair_due", "resolve_due" }"#, #"extends = { "repair_due", "fixed_due" }"#,
             "/deadlines.lua: `consent` extends 'fixed_due', which is not one of this rule's `deadlines`"),
            ("deadlines.lua", #"extends = { "repair_due", "resolve_due" }"#, "extends = {}",
             "/deadlines.lua: `consent` must name a boolean output and the deadlines it extends"),
            ("assignment.lua", #"responsible = "department","#, #"responsible = "department_name","#,
             "/assignment.lua: `responsible` must name a string output that `record` copies onto the ticket"),
        ]
        for (file, old, new, expected) in cases {
            let message = try loadError(try editedRules(file) { $0.replacingOccurrences(of: old, with: new) })
            #expect(message.contains(expected), "\(message)")
        }
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: nil, settings: Fixtures.shanghai)
        #expect(engine.declared.responsibleColumn == "department")
        #expect(engine.declared.consent?.extends == ["repair_due", "resolve_due"])
    }

    @Test func checkNamesTheFileOfAStaleDeclaration() throws {
        let ruleSet = try editedRules("assignment.lua") {
            $0.replacingOccurrences(of: "    feedback_due = \"date\",", with: "    report_due = \"date\",")
        }
        let findings = try RuleCheck(folder: ruleSet.folder).run().filter(\.isError).map(\.description)
        #expect(findings.contains { $0.hasSuffix("/assignment.lua: error: `deadlines` names output 'feedback_due', which `outputs` does not declare; fix the name or declare the output") },
                "\(findings)")
    }

    /// The batch writes what it wrote when the columns were named in Swift: each ticket's copied columns and its
    /// work order are the decision's results of the rules that fed them then.
    @Test func theBatchWritesTheSameCopiesAndWorkOrdersAsBefore() throws {
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
        var options = BatchOptions()
        options.chunkSize = 7
        let summary = try BatchRunner(store: store, ruleSet: RuleSet(folder: Fixtures.root + "/rules"),
                                      settings: Fixtures.shanghai, options: options).run()
        #expect(summary.evaluated == 30)
        let before: [(column: String, rule: String, field: String)] = [
            ("department", "assignment", "department"), ("survey_due", "deadlines", "survey_due"),
            ("repair_due", "deadlines", "repair_due"), ("resolve_due", "deadlines", "resolve_due"),
            ("tier", "approval", "tier"), ("class", "warranty", "class"), ("major", "assignment", "major"),
        ]
        // The stored results, read back, in a table of the writer's connection for json_extract.
        try store.write { db in
            try db.execute(sql: "CREATE TEMP TABLE decided (ticket_id INTEGER, results TEXT)")
            for stored in try StoredDecision.fetchAll(db) {
                try db.execute(sql: "INSERT INTO decided VALUES (?, ?)", arguments: [stored.ticketId, stored.texts.results])
            }
        }
        func count(_ sql: String) throws -> Int { try store.write { try Int.fetchOne($0, sql: sql) ?? -1 } }
        func result(_ rule: String, _ field: String) -> String { "json_extract(d.results, '$.\(rule).\(field)')" }
        let decided = "FROM tickets t JOIN temp.decided d ON d.ticket_id = t.id"
        #expect(try count("SELECT count(*) \(decided)") == 30)
        for copy in before {
            #expect(try count("SELECT count(*) \(decided) WHERE t.\(copy.column) IS NOT \(result(copy.rule, copy.field))") == 0,
                    "\(copy.column)")
            #expect(try count("SELECT count(DISTINCT t.\(copy.column)) \(decided)") > 1, "\(copy.column) varies")
        }
        #expect(try count("SELECT count(*) FROM work_orders") == 18)
        #expect(try count("SELECT count(*) \(decided) WHERE \(result("warranty", "class")) IS NOT NULL") == 18)
        #expect(try count("""
            SELECT count(*) \(decided) JOIN work_orders w ON w.ticket_id = t.id
            WHERE w.class IS \(result("warranty", "class")) AND w.survey_due IS \(result("deadlines", "survey_due"))
              AND w.repair_due IS \(result("deadlines", "repair_due"))
            """) == 18)
        let deadlines = try [("deadlines", "survey_due"), ("deadlines", "repair_due"), ("deadlines", "resolve_due"),
                             ("assignment", "feedback_due"), ("revisit", "callback_due")].reduce(0) { total, due in
            #expect(try count("""
                SELECT count(*) \(decided) LEFT JOIN ticket_deadlines g ON g.ticket_id = t.id AND g.deadline = '\(due.1)'
                WHERE g.due IS NOT \(result(due.0, due.1))
                """) == 0, "\(due.1)")
            return total + (try count("SELECT count(*) \(decided) WHERE \(result(due.0, due.1)) IS NOT NULL"))
        }
        #expect(try count("SELECT count(*) FROM ticket_deadlines") == deadlines)
        let events = try store.read { try Row.fetchAll($0, sql: "SELECT DISTINCT deadline, event FROM ticket_deadlines ORDER BY deadline") }
        #expect(events.map { "\($0["deadline"] as String)=\($0["event"] as String)" }
                == ["callback_due=callback", "feedback_due=feedback", "repair_due=complete", "resolve_due=complete", "survey_due=survey"])
    }

    @Test func aRuleSetWithoutDeclarationsCopiesNothing() throws {
        let store = try Fixtures.store()
        _ = try Fixtures.ticket(store, [:])
        let rules = try Fixtures.rule("return { value = 1 }")
        _ = try BatchRunner(store: store, ruleSet: rules, settings: Fixtures.shanghai, options: BatchOptions()).run()
        let row = try #require(try store.read { try Row.fetchOne($0, sql: """
            SELECT status, (SELECT count(*) FROM work_orders) AS orders, (SELECT count(*) FROM ticket_deadlines) AS deadlines
            FROM tickets
            """) })
        #expect(row["status"] as String == "evaluated")
        #expect(row["orders"] as Int == 0)
        #expect(row["deadlines"] as Int == 0)
    }

    /// No rule or output name of the default policy in the host's Swift: in string literals (where SQL, keys and
    /// messages live) outside the migrations, which are history. Rule names are looked for as whole literals, and
    /// three are also the host's own words elsewhere.
    @Test func noDefaultPolicyNameInSources() throws {
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: nil, settings: Fixtures.shanghai)
        let hostWords = [
            "deadlines": "the declaration key `deadlines`",
            "revisit": "the `revisit` command",
            "warranty": "a ticket cause the generated world draws, as the samples do",
        ]
        let ruleNames = Set(engine.rules.map(\.name)).subtracting(hostWords.keys)
        let declared = engine.declared
        // One output name is also the host's word: the work queue's `department` (`ruledesk due --department`, its
        // JSON key), which shows whatever output the rules declare `responsible`.
        let hostOutputWords: Set<String> = ["department"]
        let outputNames = Set(declared.ticketColumns.flatMap { [$0.field, $0.column] }
            + declared.workOrderColumns.flatMap { [$0.field, $0.column] } + declared.deadlines.map(\.name))
            .subtracting(hostOutputWords)
        #expect(outputNames.count >= 5)
        let sources = Fixtures.root + "/Sources"
        let files = FileManager.default.enumerator(atPath: sources)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("Store/Migrations.swift") }
        #expect(files.count > 50)
        let literal = try Regex(#""""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*""#)
        var found: [String] = []
        for file in files {
            let code = try String(contentsOfFile: sources + "/" + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for match in code.matches(of: literal) {
                // HTML's own `class="…"` attribute (the reports' markup) is not the work-order class.
                let text = String(code[match.range]).replacing(try Regex(#"class=\\?""#), with: "")
                for name in ruleNames where text == "\"\(name)\"" { found.append("\(file): \(text)") }
                for name in outputNames where text.contains(try Regex("(^|[^@\\w])\(name)(\\W|$)")) {
                    found.append("\(file): '\(name)' in \(text)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
