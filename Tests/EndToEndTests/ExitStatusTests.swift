import Foundation
import GRDB
import RuleDesk
import TemporaryFolders
import Testing

/// Exit statuses, numbers and summaries that scripts rely on.
@Suite(.removesTemporaryFolders) struct ExitStatusTests {
    /// Makes `warranty.lua` in the rules folder `rules` fail on the tickets `condition` (Lua, on `ticket`) picks.
    private func breakWarranty(in rules: String, when condition: String) throws {
        let path = rules + "/warranty.lua"
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let broken = source.replacingOccurrences(of: "evaluate = function(ticket, ctx)",
                                                 with: "evaluate = function(ticket, ctx)\n    if \(condition) then error('no') end")
        #expect(broken != source)
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func diffExitsThreeWhenTheNewRulesFailWithTheCountFirst() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/new-rules")
        try breakWarranty(in: folder + "/new-rules", when: "ticket.kind == 'repair'")
        let result = try Binary.run(["diff", "--rules", "new-rules"], in: folder)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        let headline = try #require(result.stdout.split(separator: "\n").first { $0.contains("tickets fail") })
        #expect(headline.hasSuffix(": 18 of 30 tickets fail, 0 of 30 tickets change"), "\(headline)")
        let json = try json(try Binary.run(["diff", "--rules", "new-rules", "--format", "json"], in: folder).stdout)
        #expect(json["tickets_failing"] as? Int == 18)
    }

    @Test func diffExitCodeFailsOnAnyChange() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let same = try Binary.run(["diff", "--rules", "rules", "--exit-code"], in: folder)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/new-rules")
        let path = folder + "/new-rules/approval.lua"
        try (try String(contentsOfFile: path, encoding: .utf8))
            .replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["diff", "--rules", "new-rules"], in: folder).status == 0)
        let changed = try Binary.run(["diff", "--rules", "new-rules", "--exit-code"], in: folder)
        #expect(changed.status == 1, "\(changed.stdout)\(changed.stderr)")
        #expect(changed.stdout.contains(": 2 of 30 tickets change"))
        #expect(changed.stderr.isEmpty)
        let help = try Binary.run(["diff", "--help"], in: folder)
        #expect(help.stdout.contains("--exit-code") && help.stdout.contains("Exit status:"))
    }

    @Test func aRerunStatesTheRuleErrorBacklogAndDoesNotExitZero() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The sample world's tickets only (communities H01–H03), so that the rule tests a publication runs pass.
        try breakWarranty(in: folder + "/rules", when: "ticket.community:sub(1, 1) == 'H'")
        try Binary.publish(in: folder)
        let first = try Binary.run(["batch", "--format", "json"], in: folder)
        #expect(first.status == 3)
        let summary = try json(first.stdout)
        #expect(summary["failed"] as? Int == 30)
        #expect((summary["failures"] as? [Any])?.count == 20)
        #expect(summary["failures_total"] as? Int == 30)
        #expect(summary["failures_truncated"] as? Bool == true)
        let again = try Binary.run(["batch"], in: folder)
        #expect(again.status == 3, "\(again.stdout)")
        #expect(again.stdout.hasPrefix("evaluated 0, failed 0"))
        #expect(again.stdout.contains("backlog: 30 tickets in rule_error"), "\(again.stdout)")
        let json = try json(try Binary.run(["batch", "--format", "json"], in: folder).stdout)
        #expect(json["backlog"] as? [String: Int] == ["rule_error": 30, "claimed_by_other_runs": 0])
        #expect(json["failures_truncated"] as? Bool == false)
    }

    @Test func ticketsClaimedByAnotherLiveRunAreBacklogWithExitFour() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Binary.publish(in: folder)
        let store = try Store(path: folder + "/ruledesk.db")
        try store.write { db in
            // A run registered by this test process, which is alive: its claims hold.
            try db.execute(sql: """
                INSERT INTO batch_runs (host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?)
                """, arguments: [ProcessInfo.processInfo.hostName, Int(getpid()),
                                 ISO8601DateFormatter().string(from: Date()), ISO8601DateFormatter().string(from: Date())])
            try db.execute(sql: "INSERT INTO ticket_claims (ticket_id, run) SELECT id, ? FROM tickets WHERE id <= 5",
                           arguments: [db.lastInsertedRowID])
        }
        let result = try Binary.run(["batch", "--format", "json"], in: folder)
        #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
        let summary = try json(result.stdout)
        #expect(summary["evaluated"] as? Int == 25)
        #expect(summary["backlog"] as? [String: Int] == ["rule_error": 0, "claimed_by_other_runs": 5])
        let text = try Binary.run(["batch"], in: folder)
        #expect(text.status == 4)
        #expect(text.stdout.contains("backlog: 0 tickets in rule_error, 5 claimed by other running batches"), "\(text.stdout)")
    }

    @Test func testRunMatchingNoTestIsAnError() throws {
        let folder = try Binary.workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Binary.run(["test", "--run", "no_such_test"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no test matches --run 'no_such_test'"), "\(result.stderr)")
    }

    @Test func runningNumbersFollowNumericOrderAndSkipHandWrittenOnes() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "number,received_at,channel,community,household,cause,kind,component,trades,complex,estimated_cost,"
            + "households_affected,hazard,media,survey_date,completed_at,description"
        let row = ",2026-03-02T10:00:00+08:00,cs,H01,,warranty,repair,plumbing,plumbing,false,800,1,false,false,,,漏水"
        try [header, "KF-2026-999999" + row, "KF-2026-X1" + row].joined(separator: "\n")
            .write(toFile: folder + "/numbered.csv", atomically: true, encoding: .utf8)
        try [header, row, row].joined(separator: "\n").write(toFile: folder + "/unnumbered.csv", atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "tickets", "numbered.csv"], in: folder).status == 0)
        let result = try Binary.run(["import", "tickets", "unnumbered.csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let store = try Store(path: folder + "/ruledesk.db", access: .read)
        let numbers = try store.read { try String.fetchAll($0, sql: "SELECT number FROM tickets ORDER BY id DESC LIMIT 2") }
        #expect(numbers == ["KF-2026-1000001", "KF-2026-1000000"])
    }
}
