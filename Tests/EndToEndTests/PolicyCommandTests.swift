import Foundation
import Testing
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct PolicyCommandTests {
    @Test func checkPassesOnTheDefaultRulesAndFailsOnErrors() throws {
        let folder = try Binary.workspace()
        let clean = try Binary.run(["check", "--strict"], in: folder)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout == "0 errors, 0 warnings\n")
        try "local unused = 1\nreturn { name = 'x', needs = { 'y' }, outputs = { v = 'any' }, evaluate = function() return {} end }\n"
            .write(toFile: folder + "/rules/x.lua", atomically: true, encoding: .utf8)
        let broken = try Binary.run(["check"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("rules/x.lua: error: rule 'x' needs 'y', but no rule has that name"), "\(broken.stdout)")
        #expect(broken.stdout.contains("rules/x.lua:1:7: warning (W211): unused variable 'unused'"), "\(broken.stdout)")
    }

    @Test func diffShowsWhatRaisingTheTierOneLimitDoes() throws {
        let folder = try Binary.sampleWorld()
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/new-rules")
        let path = folder + "/new-rules/approval.lua"
        try (try String(contentsOfFile: path, encoding: .utf8))
            .replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let text = try Binary.run(["diff", "--rules", "new-rules"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("approval.tier: 2→1 on 2 of 30 tickets (e.g. KF-2026-000007, KF-2026-000014)"), "\(text.stdout)")
        let json = try Binary.run(["diff", "--rules", "new-rules", "--format", "json", "--community", "H02"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["tickets"] as? Int == 10)
        let csv = try Binary.run(["diff", "--rules", "new-rules", "--format", "csv", "--since", "2026-04-01"], in: folder)
        #expect(csv.stdout.contains("approval,tier,2,1,1,KF-2026-000014"), "\(csv.stdout)")
        #expect(try Binary.run(["diff", "--rules", "missing"], in: folder).status == 1)
    }

    @Test func typesWritesAnnotationsAndALuarc() throws {
        let folder = try Binary.workspace()
        try FileManager.default.removeItem(atPath: folder + "/rules/types")
        let result = try Binary.run(["types"], in: folder)
        #expect(result.stdout == "wrote rules/types/ruledesk.lua\nwrote rules/.luarc.json\n")
        let meta = try String(contentsOfFile: folder + "/rules/types/ruledesk.lua", encoding: .utf8)
        #expect(meta.hasPrefix("---@meta"))
        #expect(meta.contains("---@class Ticket") && meta.contains("---@class Ctx"))
        #expect(meta.contains("---@class Results.approval\n---@field approvers string[]"))
        #expect(meta.contains("function Calendar:add_workdays(date, n) end"))
        let luarc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/rules/.luarc.json")))
        #expect((luarc as? [String: Any])?["workspace.library"] as? [String] == ["types"])
    }

    @Test func historyExplainAndRulesLogAfterAPolicyChange() throws {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        #expect(try Binary.run(["batch"], in: folder).status == 0)
        let path = folder + "/rules/approval.lua"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        // The tests that encode the old limit go with it.
        try FileManager.default.removeItem(atPath: folder + "/rules/tests/approval_test.lua")
        try Binary.publish(in: folder, note: "tier-1 limit 2000")
        #expect(try Binary.run(["batch", "--reevaluate"], in: folder).status == 0)
        try original.write(toFile: path, atomically: true, encoding: .utf8)

        let history = try Binary.run(["history", "KF-2026-000014"], in: folder)
        #expect(history.stdout.contains("#1 ") && history.stdout.contains("first decision"))
        #expect(history.stdout.contains("      approval.tier: 2 → 1"), "\(history.stdout)")
        let log = try Binary.run(["rules", "log"], in: folder)
        let lines = log.stdout.split(separator: "\n")
        // The publications, newest first; then the versions used.
        #expect(lines.count == 6, "\(log.stdout)")
        #expect(lines[1].hasPrefix("2 ") && lines[1].hasSuffix("tier-1 limit 2000") && lines[2].hasPrefix("1 "), "\(log.stdout)")
        #expect(lines[4].range(of: #" 30 +kept +#1$"#, options: .regularExpression) != nil, "\(log.stdout)")
        let first = String(lines[4].prefix(8))
        let explain = try Binary.run(["explain", "KF-2026-000014", "--version", first, "--rerun"], in: folder)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("deputy_gm (副总经理)"))
        #expect(explain.stdout.contains("the same results as recorded"))
        let latest = try Binary.run(["explain", "KF-2026-000014", "--format", "json"], in: folder)
        #expect(latest.stdout.contains("\"tier\": 1"))
        let none = try Binary.run(["explain", "KF-2026-000002", "--version", "ffff"], in: folder)
        #expect(none.status == 1 && none.stderr.contains("no rule version ffff"))
    }
}
