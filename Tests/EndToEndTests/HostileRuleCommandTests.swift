import Foundation
import GRDB
import RuleDesk
import TemporaryFolders
import Testing

/// A hostile rule through the real binary: the attacked ticket fails with a message naming the file and the
/// limit, `eval` returns, and a batch records every other ticket byte for byte as clean rules decide it.
@Suite(.removesTemporaryFolders) struct HostileRuleCommandTests {
    /// The attacks, by the ticket they run on. Each is caught, so only these tickets fail.
    static let attacks: [String: String] = [
        "KF-2026-000003": "local _, raw = pairs(ctx.calendar); raw.add_workdays = function() return '2099-12-31' end",
        "KF-2026-000005": "ticket.component = 'structure'",
        "KF-2026-000007": "for k in pairs(ctx.results.assignment) do ctx.results.assignment[k] = 0/0 end",
        "KF-2026-000009": "setmetatable({}, { __gc = function() while true do end end })",
        "KF-2026-000011": "string.find(string.rep('a', 30000), string.rep('a-', 12) .. 'b')",
        "KF-2026-000013": "local _, raw = pairs(string); raw.format = function() return 'x' end",
    ]

    /// `aa_hostile.lua` runs after `assignment` and before the other default rules; with `attacks` it attacks (on the
    /// sample world's tickets only, so that the rule tests a publication runs pass), without it is the clean twin.
    /// It also keeps file-level state that a leak would show in later traces.
    static func rule(attacks: [String: String]) -> String {
        let branches = attacks.sorted { $0.key < $1.key }.map { number, attack in
            "if ticket.community:sub(1, 1) == 'H' and ticket.number == '\(number)' then \(attack) end"
        }.joined(separator: "\n    ")
        return """
        local last
        return {
          name = "aa_hostile",
          needs = { "assignment" },
          outputs = { department = "string" },
          evaluate = function(ticket, ctx)
            if last then ctx.because("previous ticket: " .. last) end
            last = ticket.number .. " " .. ticket.description
            \(branches)
            return { department = ctx.results.assignment.department }
          end,
        }
        """
    }

    /// The sample world with `aa_hostile.lua` in its rules, published when `publish`.
    private func world(attacks: [String: String], publish: Bool = false) throws -> String {
        let folder = try Binary.sampleWorld()
        try Self.rule(attacks: attacks).write(toFile: folder + "/rules/aa_hostile.lua", atomically: true, encoding: .utf8)
        if publish { try Binary.publish(in: folder) }
        return folder
    }

    /// Results and trace JSON of each ticket's decision.
    private func decisions(_ folder: String) throws -> [String: String] {
        let store = try Store(path: folder + "/ruledesk.db")
        return try store.read { db in
            let numbers = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, number FROM tickets").map {
                ($0["id"] as Int64, $0["number"] as String)
            })
            return try StoredDecision.fetchAll(db).reduce(into: [:]) { all, stored in
                all[numbers[stored.ticketId]!] = stored.texts.results + "\n" + stored.texts.trace
            }
        }
    }

    @Test func aBatchWithAHostileRuleRecordsTheOtherTicketsAsCleanRulesDo() throws {
        let hostile = try world(attacks: Self.attacks, publish: true)
        let clean = try world(attacks: [:], publish: true)

        let attacked = try Binary.run(["batch", "--jobs", "2"], in: hostile)
        #expect(attacked.status == 3, "\(attacked.stdout)\(attacked.stderr)")
        #expect(attacked.stdout.contains("evaluated 24, failed 6"), "\(attacked.stdout)")
        for (number, fragment) in [("KF-2026-000003", "cannot change ctx.calendar.add_workdays"),
                                   ("KF-2026-000005", "cannot change ticket.component"),
                                   ("KF-2026-000007", "it is read-only"),
                                   ("KF-2026-000009", "__gc"),
                                   ("KF-2026-000011", "instruction budget exhausted"),
                                   ("KF-2026-000013", "cannot change string.format")] {
            #expect(attacked.stdout.contains("\(number): published "), "\(attacked.stdout)")
            #expect(attacked.stdout.contains("/aa_hostile.lua:"), "\(attacked.stdout)")
            #expect(attacked.stdout.contains(fragment), "\(fragment)")
        }
        let reference = try Binary.run(["batch", "--jobs", "1"], in: clean)
        #expect(reference.status == 0, "\(reference.stdout)\(reference.stderr)")

        let recorded = try decisions(hostile), expected = try decisions(clean)
        #expect(recorded.count == 24 && expected.count == 30)
        for (number, decision) in recorded {
            #expect(decision == expected[number], "\(number) differs from the clean rules' decision")
        }
        #expect(!recorded.values.contains { $0.contains("previous ticket") })
    }

    @Test(arguments: [
        ("KF-2026-000009", "__gc"),
        ("KF-2026-000011", "instruction budget exhausted"),
    ])
    func evalOfAHostileRuleReturnsAndNamesTheFile(number: String, fragment: String) throws {
        let folder = try world(attacks: Self.attacks)
        let result = try Binary.run(["eval", number], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("rules/aa_hostile.lua:"), "\(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    @Test func aDeadlineStopsALoopThatTheBudgetWouldAllowLong() throws {
        let folder = try world(attacks: ["KF-2026-000001": "while true do end"])
        let result = try Binary.run(["eval", "KF-2026-000001"], in: folder,
                                    environment: ["RULEDESK_TIME_LIMIT": "0.2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("rules/aa_hostile.lua:"), "\(result.stderr)")
        #expect(result.stderr.contains("time limit exceeded (0.2 s)") || result.stderr.contains("instruction budget exhausted"),
                "\(result.stderr)")
    }

    @Test func tooManyJobsAreRefusedWithTheLimit() throws {
        let folder = try Binary.sampleWorld()
        let result = try Binary.run(["batch", "--jobs", "100000"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--jobs 100000 is more than 64"), "\(result.stderr)")
        let diff = try Binary.run(["diff", "--rules", "rules", "--against", "rules", "--jobs", "100000"], in: folder)
        #expect(diff.stderr.contains("--jobs 100000 is more than 64"), "\(diff.stderr)")
    }

    @Test func anOutputLimitOfTheSiteIsObeyed() throws {
        let folder = try world(attacks: ["KF-2026-000001": "for i = 1, 100 do ctx.because(string.rep('长', 33334)) end"])
        let result = try Binary.run(["eval", "KF-2026-000001"], in: folder)
        #expect(result.stderr.contains("output limit (256 KB"), "\(result.stderr)")
        let bigger = try Binary.run(["eval", "KF-2026-000001"], in: folder, environment: ["RULEDESK_OUTPUT_LIMIT": "16384"])
        #expect(bigger.status == 0, "\(bigger.stderr)")
        let bad = try Binary.run(["eval", "KF-2026-000001"], in: folder, environment: ["RULEDESK_OUTPUT_LIMIT": "lots"])
        #expect(bad.stderr.contains("RULEDESK_OUTPUT_LIMIT: 'lots'"), "\(bad.stderr)")
    }
}
