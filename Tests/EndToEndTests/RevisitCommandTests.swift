import Foundation
import GRDB
import RuleDesk
import Testing
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct RevisitCommandTests {
    @Test func planSaveRecordResultsAndStatus() throws {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        let dry = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "json"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(plan["kind"] as? String == "first")
        #expect(plan["mode"] as? String == "in_person")
        #expect(plan["sample_size"] as? Int == 18)
        #expect((plan["households"] as? [String])?.count == 18)
        #expect(Set(plan.keys) == ["community", "on", "kind", "mode", "occupancy", "sample_size", "households", "follow_ups",
                                   "rules_version", "trace"])
        let store = try Store(path: folder + "/ruledesk.db")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM revisit_plans") } == 0)

        let again = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "json"], in: folder)
        #expect(again.stdout == dry.stdout)
        let saved = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--save"], in: folder)
        #expect(saved.stdout.hasSuffix("(saved)\n"))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM revisit_plan_households") } == 18)

        #expect(try Binary.run(["import", "revisits", Binary.samples + "/revisits.csv"], in: folder).status == 0)
        let later = try Binary.run(["revisit", "plan", "H01", "--on", "2026-04-01", "--format", "json"], in: folder)
        let followUps = (try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])?["follow_ups"]
        #expect((followUps as? [[String: Any]])?.first?["household"] as? String == "H01-2-1-101")

        let status = try Binary.run(["revisit", "status", "--on", "2026-04-01"], in: folder)
        #expect(status.stdout.contains("H01        80% (20/25)  2026-03-01  —            10       0                67% (2/3)"),
                "\(status.stdout)")
        let json = try Binary.run(["revisit", "status", "H01", "--on", "2026-03-15", "--format", "json"], in: folder)
        let h01 = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(h01["open_follow_ups"] as? [String] == ["H01-2-1-101"])
    }

    @Test func badInputIsAClearError() throws {
        let folder = try Binary.sampleWorld()
        let unknown = try Binary.run(["revisit", "plan", "H99"], in: folder)
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown community 'H99'"))
        #expect(try Binary.run(["revisit", "plan", "H01", "--on", "2026-02-30"], in: folder).status == 2)
        try "community,household,visited_on,mode,rating,notes\nH01,H01-1-1-101,2026-03-09,in_person,happy,\n"
            .write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["import", "revisits", "bad.csv"], in: folder)
        #expect(bad.stderr == """
            ruledesk: bad.csv:2: rating: 'happy' is not one of satisfied, neutral, dissatisfied, severely_dissatisfied
            ruledesk: bad.csv: 1 bad row; nothing was imported, correct it and import the file again

            """)
    }
}

@Suite(.removesTemporaryFolders) struct SettingsAndProgressTests {
    @Test func theCompanysTimeZoneDecidesTheRegistrationDate() throws {
        let folder = try Binary.sampleWorld()
        func surveyDue(_ zone: String?) throws -> String? {
            let result = try Binary.run(["eval", "KF-2026-000008", "--format", "json"], in: folder,
                                        environment: zone.map { ["RULEDESK_TIMEZONE": $0] } ?? [:])
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return ((object?["results"] as? [String: Any])?["deadlines"] as? [String: Any])?["survey_due"] as? String
        }
        // Received 2026-03-05T17:00:00Z, surveyed 2026-03-06: Friday 6 March in Beijing, Thursday 5 March in UTC.
        let trace = try Binary.run(["eval", "KF-2026-000008"], in: folder)
        #expect(trace.stdout.contains("登记(2026-03-06)"))
        let utc = try Binary.run(["eval", "KF-2026-000008"], in: folder, environment: ["RULEDESK_TIMEZONE": "UTC"])
        #expect(utc.stdout.contains("登记(2026-03-05)"))
        #expect(try surveyDue(nil) != nil)
        let wrong = try Binary.run(["eval", "KF-2026-000008"], in: folder, environment: ["RULEDESK_TIMEZONE": "Mars/Olympus"])
        #expect(wrong.status == 1 && wrong.stderr.contains("RULEDESK_TIMEZONE: unknown time zone 'Mars/Olympus'"))
    }

    @Test func aTerminalShowsAProgressBar() throws {
        let folder = try Binary.workspace()
        #expect(try Binary.run(["gen", "--tickets", "3000", "--db", "bar.db"], in: folder).status == 0)
        try Binary.publish(in: folder, db: "bar.db")
        let term = try Terminal(["batch", "--db", "bar.db", "--jobs", "1"], in: folder,
                                environment: Terminal.environment(home: folder))
        try term.expect("evaluated 3000, failed 0")
        #expect(term.screen.contains("█") && term.screen.contains("/3000"), "\(term.screen)")
        #expect(try term.wait() == 0)
    }
}
