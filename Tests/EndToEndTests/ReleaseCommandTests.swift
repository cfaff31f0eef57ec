import Dispatch
import Foundation
import GRDB
import RuleDesk
import TemporaryFolders
import Testing

/// Rule releases through the binary: publish, status, log, rollback, export, and the batch under the version in force.
@Suite(.removesTemporaryFolders) struct ReleaseCommandTests {
    /// What a refused publication must leave as it was.
    private func snapshot(_ folder: String) throws -> [Int] {
        try Store(path: folder + "/ruledesk.db").read { db in
            try ["publications", "rule_versions", "rule_files", "rule_version_files", "decisions"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }

    private func publications(_ folder: String) throws -> [Row] {
        try Store(path: folder + "/ruledesk.db").read { try Row.fetchAll($0, sql: "SELECT * FROM publications ORDER BY sequence") }
    }

    /// Raises the tier-1 limit in `rules/approval.lua` of the workspace and drops the tests that encode the old one.
    private func raiseTierOneLimit(in folder: String, rules: String = "rules", removingItsTests: Bool = true) throws {
        let path = folder + "/\(rules)/approval.lua"
        let source = try String(contentsOfFile: path, encoding: .utf8)
        try source.replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        if removingItsTests { try FileManager.default.removeItem(atPath: folder + "/\(rules)/tests/approval_test.lua") }
    }

    private func version(of rules: String) throws -> String { try RuleSet(folder: rules).version }

    @Test func aFailingRuleTestRefusesThePublicationAndChangesNothing() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try raiseTierOneLimit(in: folder, removingItsTests: false)
        let before = try snapshot(folder)
        let result = try Binary.run(["rules", "publish", "--by", "王芳", "--note", "tier-1 limit 2000", "--yes"], in: folder)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("  check  0 errors, 0 warnings"), "\(result.stdout)")
        #expect(result.stdout.contains("FAIL rules/tests/approval_test.lua:"), "\(result.stdout)")
        #expect(result.stderr.contains("nothing was published: the rule tests fail ("), "\(result.stderr)")
        #expect(try snapshot(folder) == before)
        let status = try Binary.run(["rules", "status"], in: folder)
        #expect(status.stdout.hasPrefix("no version is in force"), "\(status.stdout)")
    }

    @Test func aCheckErrorRefusesThePublicationAndChangesNothing() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Binary.publish(in: folder)
        let inForce = try version(of: folder + "/rules")
        let path = folder + "/rules/warranty.lua"
        let source = try String(contentsOfFile: path, encoding: .utf8)
        try source.replacingOccurrences(of: "evaluate = function(ticket, ctx)", with: "evaluate = function(ticket, ctx)\n    undefined_helper()")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let before = try snapshot(folder)
        let result = try Binary.run(["rules", "publish", "--by", "王芳", "--note", "a typo", "--yes"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("rules/warranty.lua:") && result.stdout.contains("undefined_helper"), "\(result.stdout)")
        #expect(result.stdout.contains("  tests  not run"))
        #expect(result.stderr.contains("nothing was published: `check` found 1 error"), "\(result.stderr)")
        #expect(try snapshot(folder) == before)
        #expect(try publications(folder).last?["version"] == inForce)
    }

    @Test func anAcceptedPublicationIsRecordedAndInForce() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try Binary.run(["rules", "publish", "--note", "x", "--yes"], in: folder)
        #expect(missing.status == 2 && missing.stderr.contains("--by"), "\(missing.stderr)")
        let blank = try Binary.run(["rules", "publish", "--by", "王芳", "--note", " ", "--yes"], in: folder)
        #expect(blank.status == 2 && blank.stderr.contains("--note must say why"), "\(blank.stderr)")
        let unasked = try Binary.run(["rules", "publish", "--by", "王芳", "--note", "x"], in: folder)
        #expect(unasked.status == 1 && unasked.stderr.contains("pass --yes"), "\(unasked.stderr)")
        #expect(try publications(folder).isEmpty)

        let first = try version(of: folder + "/rules")
        let result = try Binary.run(["rules", "publish", "--by", "王芳", "--note", "the policy of 2026", "--yes"], in: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("  check  0 errors, 0 warnings"))
        #expect(result.stdout.range(of: #"  tests  \d+ passed, 0 failed"#, options: .regularExpression) != nil, "\(result.stdout)")
        #expect(result.stdout.contains("  diff   first publication: no version in force to compare with"))
        #expect(result.stdout.contains("in force: #1 \(first.prefix(12)) published by 王芳 at "), "\(result.stdout)")
        let row = try #require(try publications(folder).first)
        #expect(row["version"] == first && row["published_by"] == "王芳" && row["note"] == "the policy of 2026")
        #expect(row["kind"] == "publish" && row["replaces"] == nil as String?)
        #expect((row["test_summary"] as String).hasSuffix(" passed, 0 failed") && row["check_summary"] == "0 errors, 0 warnings")
        let status = try Binary.run(["rules", "status"], in: folder)
        #expect(status.stdout.hasPrefix("in force: #1 \(first.prefix(12)) published by 王芳"), "\(status.stdout)")
        #expect(status.stdout.contains("rules holds the same files"))

        try raiseTierOneLimit(in: folder)
        let changed = try Binary.run(["rules", "status", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        #expect(object["differs"] as? Bool == true && object["files"] as? [String] == ["changed  approval.lua"], "\(changed.stdout)")
        let second = try Binary.run(["rules", "publish", "--by", "李娜", "--note", "tier-1 limit 2000", "--yes"], in: folder)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("  diff   2 of the latest 30 tickets change (against the version in force, #1 \(first.prefix(12)))"),
                "\(second.stdout)")
        #expect(second.stdout.contains("approval.tier: 2→1 on 2 of 30 tickets (e.g. KF-2026-000007, KF-2026-000014)"))
        let rows = try publications(folder)
        #expect(rows.count == 2 && rows[1]["replaces"] == first && rows[1]["diff_summary"] == "2 of the latest 30 tickets change")
        let again = try Binary.run(["rules", "publish", "--by", "李娜", "--note", "again", "--yes"], in: folder)
        #expect(again.status == 1 && again.stderr.contains("is already in force"), "\(again.stderr)")
        let update = try Store(path: folder + "/ruledesk.db").write { db in
            Result { try db.execute(sql: "UPDATE publications SET published_by = 'someone else'") }
        }
        #expect(throws: DatabaseError.self) { try update.get() }
    }

    @Test func noPublicationMeansRecordingCommandsExplainAndDraftsAreMarked() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let batch = try Binary.run(["batch"], in: folder)
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("no rule version is published") && batch.stderr.contains("ruledesk rules publish"), "\(batch.stderr)")
        let eval = try Binary.run(["eval", "KF-2026-000014"], in: folder)
        #expect(eval.stdout.hasPrefix("草稿 draft rules from rules (version "), "\(eval.stdout)")
        #expect(eval.stdout.contains("nothing is published yet)\n工单 KF-2026-000014"))
        let plan = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--save"], in: folder)
        #expect(plan.status == 1 && plan.stderr.contains("no rule version is published"), "\(plan.stderr)")
        let draftPlan = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--save", "--rules", "rules"], in: folder)
        #expect(draftPlan.status == 2 && draftPlan.stderr.contains("--save records the plan"), "\(draftPlan.stderr)")

        try Binary.publish(in: folder)
        let published = try Binary.run(["eval", "KF-2026-000014", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["ticket", "rules_version", "results", "trace"])
        #expect(try Binary.run(["eval", "KF-2026-000014"], in: folder).stdout.hasPrefix("工单 KF-2026-000014"))

        let same = try Binary.run(["eval", "KF-2026-000014", "--rules", "rules"], in: folder)
        #expect(same.stdout.hasPrefix("草稿 draft rules from rules (version "), "\(same.stdout)")
        #expect(same.stdout.contains("the same files as the version in force)"))
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/new-rules")
        try raiseTierOneLimit(in: folder, rules: "new-rules", removingItsTests: false)
        let draft = try Binary.run(["eval", "KF-2026-000014", "--rules", "new-rules", "--format", "json"], in: folder)
        let draftObject = try #require(try JSONSerialization.jsonObject(with: Data(draft.stdout.utf8)) as? [String: Any])
        #expect(draftObject["draft"] as? Bool == true)
        let draftText = try Binary.run(["eval", "KF-2026-000014", "--rules", "new-rules"], in: folder)
        #expect(draftText.stdout.hasPrefix("草稿 draft rules from new-rules (version "), "\(draftText.stdout)")
        #expect(draftText.stdout.contains(", not published)\n工单 KF-2026-000014"))
        let diff = try Binary.run(["diff", "--rules", "new-rules"], in: folder)
        #expect(diff.stdout.contains("\npublished (") && diff.stdout.contains("→ new-rules ("), "\(diff.stdout)")
        #expect(diff.stdout.contains("approval.tier: 2→1 on 2 of 30 tickets"), "\(diff.stdout)")
        let refused = try Binary.run(["batch", "--rules", "rules"], in: folder)
        #expect(refused.status == 2 && refused.stderr.contains("--rules is not accepted"), "\(refused.stderr)")
        let test = try Binary.run(["test", "--rules", "new-rules"], in: folder)
        #expect(test.stdout.hasPrefix("草稿 draft rules from new-rules (version "), "\(test.stdout)")
        let repl = try Binary.run(["repl", "--rules", "rules"], in: folder, input: "1 + 1\n")
        #expect(repl.stdout == "2\n" && repl.stderr.contains("草稿 draft rules from rules"), "\(repl.stderr)")
    }

    @Test func aBatchAfterAnUnpublishedEditDecidesUnderThePublishedVersion() throws {
        let decisions = try [false, true].map { edited -> [[String]] in
            let folder = try Binary.sampleWorld()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try Binary.publish(in: folder)
            let published = try version(of: folder + "/rules")
            if edited { try raiseTierOneLimit(in: folder) }
            let batch = try Binary.run(["batch"], in: folder)
            #expect(batch.status == 0, "\(batch.stderr)")
            #expect(batch.stdout.contains("\nunder the published version #1 \(published.prefix(12)) published by tests at "), "\(batch.stdout)")
            let reevaluate = try Binary.run(["batch", "--reevaluate", "--format", "json"], in: folder)
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(reevaluate.stdout.utf8)) as? [String: Any])
            #expect(summary["rules_version"] as? String == published && summary["evaluated"] as? Int == 0, "\(reevaluate.stdout)")
            return try Store(path: folder + "/ruledesk.db").read { db in
                let numbers = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, number FROM tickets").map {
                    ($0["id"] as Int64, $0["number"] as String)
                })
                return try StoredDecision.fetchAll(db).map {
                    [numbers[$0.ticketId]!, $0.rulesVersion, $0.texts.results, $0.texts.trace]
                }.sorted { $0[0] < $1[0] }
            }
        }
        #expect(decisions[0].count == 30)
        #expect(decisions[0] == decisions[1])
    }

    @Test func rollbackPutsAnEarlierVersionBackAndTheBatchUsesIt() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Binary.publish(in: folder)
        let first = try version(of: folder + "/rules")
        try raiseTierOneLimit(in: folder)
        try Binary.publish(in: folder, note: "tier-1 limit 2000")
        let never = try Binary.run(["rules", "rollback", "ffffffff", "--by", "王芳", "--note", "x", "--yes"], in: folder)
        #expect(never.status == 1 && never.stderr.contains("no published rule version starts with ffffffff"), "\(never.stderr)")
        let short = try Binary.run(["rules", "rollback", String(first.prefix(6)), "--by", "王芳", "--note", "x", "--yes"], in: folder)
        #expect(short.status == 1 && short.stderr.contains("at least 8 hex digits"), "\(short.stderr)")

        let rollback = try Binary.run(["rules", "rollback", String(first.prefix(8)), "--by", "王芳", "--note", "board said no", "--yes"],
                                      in: folder)
        #expect(rollback.status == 0, "\(rollback.stdout)\(rollback.stderr)")
        #expect(rollback.stdout.contains("approval.tier: 1→2 on 2 of 30 tickets"), "\(rollback.stdout)")
        #expect(rollback.stdout.contains("in force: #3 \(first.prefix(12)) rolled back by 王芳 at "), "\(rollback.stdout)")
        let rows = try publications(folder)
        #expect(rows.count == 3 && rows[2]["kind"] == "rollback" && rows[2]["version"] == first)
        #expect(rows[2]["check_summary"] == "passed when published as #1")
        let batch = try Binary.run(["batch", "--format", "json"], in: folder)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(batch.stdout.utf8)) as? [String: Any])
        #expect(summary["rules_version"] as? String == first)
        let log = try Binary.run(["rules", "log"], in: folder)
        #expect(log.stdout.split(separator: "\n")[1].hasPrefix("3  \(first.prefix(12))  rollback  王芳"), "\(log.stdout)")
    }

    @Test func exportRoundTripsTheFilesAndTheirVersion() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Binary.publish(in: folder)
        let published = try RuleSet(folder: folder + "/rules")
        try raiseTierOneLimit(in: folder)
        let export = try Binary.run(["rules", "export", String(published.version.prefix(10)), "review"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasSuffix("review holds version \(published.version)\n"), "\(export.stdout)")
        let exported = try RuleSet(folder: folder + "/review")
        #expect(exported.version == published.version)
        #expect(exported.files.map(\.name) == published.files.map(\.name))
        #expect(exported.files.map(\.source) == published.files.map(\.source))
        #expect(exported.modules.map(\.name) == ["lib/actors.lua", "lib/figures.lua", "lib/money.lua", "lib/sections.lua", "lib/vocabulary.lua",
                                                     "lib/vocabulary_names.lua"])
        #expect(exported.reports.map(\.name) == ["reports/quarterly.lua", "reports/weekly.lua", "reports/yearly.lua"])
        try Data("return {}\n".utf8).write(to: URL(fileURLWithPath: folder + "/rules/lib/draft.lua"))
        let refused = try Binary.run(["rules", "export", published.version, "rules"], in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("rules is not empty"), "\(refused.stderr)")
        let forced = try Binary.run(["rules", "export", published.version, "rules", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try version(of: folder + "/rules") == published.version)
        #expect(FileManager.default.fileExists(atPath: folder + "/rules/tests/approval_test.lua") == false)
    }

    @Test func twoPublicationsRacingLeaveExactlyOneInForce() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Binary.publish(in: folder)
        let base = try version(of: folder + "/rules")
        for (name, comment) in [("a", "-- draft a"), ("b", "-- draft b")] {
            try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/" + name)
            let path = folder + "/\(name)/approval.lua"
            try (String(contentsOfFile: path, encoding: .utf8) + comment + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let results = RaceResults()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let name = index == 0 ? "a" : "b"
            let result = try? Binary.run(["rules", "publish", "--rules", name, "--by", name, "--note", "race", "--yes"], in: folder)
            results.lock.withLock { results.all[index] = result }
        }
        let outcomes = results.all.compactMap { $0 }
        #expect(outcomes.count == 2)
        let winners = outcomes.filter { $0.status == 0 }, losers = outcomes.filter { $0.status != 0 }
        for loser in losers {
            #expect(loser.stderr.contains("the version in force changed while this publication was being reviewed"), "\(loser.stderr)")
            #expect(loser.stderr.contains("run the command again"))
        }
        let rows = try publications(folder)
        #expect(!winners.isEmpty && rows.count == 1 + winners.count, "\(outcomes)")
        // Each publication replaces the one before it: one line, one version in force.
        var previous = base
        for row in rows.dropFirst() {
            #expect(row["replaces"] == previous)
            previous = row["version"]
        }
        let status = try Binary.run(["rules", "status", "--format", "json"], in: folder)
        let inForce = (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["in_force"] as? [String: Any]
        #expect(inForce?["version"] as? String == previous)
    }
}

/// What the two racing publications printed.
private final class RaceResults: @unchecked Sendable {
    let lock = NSLock()
    var all: [Binary.Result?] = [nil, nil]
}
