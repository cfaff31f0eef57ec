import Foundation
import Testing
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct TestCommandTests {
    @Test func theDefaultRulesPass() throws {
        let folder = try Binary.workspace()
        let result = try Binary.run(["test"], in: folder)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").last?.hasSuffix(" passed, 0 failed") == true)
    }

    @Test func aPolicyChangeShowsWhichTestsFail() throws {
        let folder = try Binary.workspace()
        let path = folder + "/rules/approval.lua"
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let changed = source.replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
        #expect(changed != source)
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Binary.run(["test"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL rules/tests/approval_test.lua:"))
        #expect(result.stdout.contains("tier for cost 1000.01: expected 2, got 1"), "\(result.stdout)")
        let summary = try #require(result.stdout.split(separator: "\n").last)
        #expect(summary.range(of: #"^\d+ passed, [1-9]\d* failed$"#, options: .regularExpression) != nil)
    }

    @Test func runSelectsTestsAndJsonAndCoverageReport() throws {
        let folder = try Binary.workspace()
        let result = try Binary.run(["test", "--run", "approval_test.lua:test_cost_500", "--format", "json", "--coverage"], in: folder)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(!tests.isEmpty && tests.allSatisfy { ($0["test"] as? String)?.hasPrefix("test_cost_500") == true })
        let coverage = try #require(object["coverage"] as? [String: [String: Any]])
        #expect((coverage["rules/approval.lua"]?["percent"] as? Double ?? 0) > 50)
    }
}
