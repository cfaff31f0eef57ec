import Foundation
import GRDB
import RuleDesk
import TemporaryFolders
import Testing

/// Every command works the same from any folder, with `--rules` and `--db` pointing anywhere.
@Suite(.removesTemporaryFolders) struct AnyFolderTests {
    /// A sample world, and an empty folder beside it to run from (`../world/rules` from there).
    private func worldAndElsewhere() throws -> (world: String, elsewhere: String) {
        let world = try Binary.sampleWorld()
        let elsewhere = world + "-elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        return (world, elsewhere)
    }

    @Test func checkFindsNothingWithAnAbsoluteOrRelativeRulesFolder() throws {
        let (world, elsewhere) = try worldAndElsewhere()
        defer { for folder in [world, elsewhere] { try? FileManager.default.removeItem(atPath: folder) } }
        for rules in [world + "/rules", "../" + (world as NSString).lastPathComponent + "/rules"] {
            let result = try Binary.run(["check", "--strict", "--rules", rules], in: elsewhere)
            #expect(result.status == 0, "\(rules): \(result.stdout)")
            #expect(result.stdout == "0 errors, 0 warnings\n", "\(rules)")
        }
    }

    @Test func ruleTestsPassWithACopyOfTheRulesAlone() throws {
        let elsewhere = try Binary.emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let copy = try Binary.emptyFolder() + "/policy"
        defer { try? FileManager.default.removeItem(atPath: (copy as NSString).deletingLastPathComponent) }
        try FileManager.default.copyItem(atPath: Binary.root + "/rules", toPath: copy)
        let result = try Binary.run(["test", "--rules", copy], in: elsewhere)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").last?.hasSuffix(" passed, 0 failed") == true)
    }

    @Test func readingCommandsGiveTheSameOutputFromAnotherFolder() throws {
        let (world, elsewhere) = try worldAndElsewhere()
        defer { for folder in [world, elsewhere] { try? FileManager.default.removeItem(atPath: folder) } }
        #expect(try Binary.run(["batch"], in: world).status == 0)
        let relative = "../" + (world as NSString).lastPathComponent
        let commands: [(arguments: [String], usesRules: Bool)] = [
            (["eval", "KF-2026-000014"], true), (["history", "KF-2026-000014"], false),
            (["explain", "KF-2026-000014", "--rerun"], false), (["revisit", "status", "--on", "2026-04-01"], false),
            (["rules", "log"], false), (["revisit", "plan", "H01", "--on", "2026-03-01"], true),
        ]
        for (command, usesRules) in commands {
            let here = try Binary.run(command, in: world)
            #expect(here.status == 0, "\(command): \(here.stderr)")
            for place in [world, relative] {
                let options = ["--db", place + "/ruledesk.db"] + (usesRules ? ["--rules", place + "/rules"] : [])
                let there = try Binary.run(command + options, in: elsewhere)
                #expect(there.status == 0 && there.stdout == here.stdout, "\(command + options): \(there.stderr)")
            }
        }
    }

    @Test func genWorksAnywhereAndAFailedGenLeavesNothingBehind() throws {
        let elsewhere = try Binary.emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let failed = try Binary.run(["gen", "--tickets", "20", "--db", "g.db", "--calendar", "no-such.csv"], in: elsewhere)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("no-such.csv"), "\(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        let built = try Binary.run(["gen", "--tickets", "20", "--db", "g.db"], in: elsewhere)
        #expect(built.status == 0, "\(built.stderr)")
        let store = try Store(path: elsewhere + "/g.db", access: .read)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM calendar_days") } == 108)
        let batch = try Binary.run(["batch", "--db", "g.db", "--rules", Binary.root + "/rules", "--format", "json"], in: elsewhere)
        #expect(batch.status == 0, "\(batch.stdout)\(batch.stderr)")
    }

    @Test func diffWithoutAgainstNamesTheMissingBaseline() throws {
        let (world, elsewhere) = try worldAndElsewhere()
        defer { for folder in [world, elsewhere] { try? FileManager.default.removeItem(atPath: folder) } }
        let result = try Binary.run(["diff", "--rules", world + "/rules", "--db", world + "/ruledesk.db"], in: elsewhere)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no rules folder at rules to compare against"), "\(result.stderr)")
        #expect(result.stderr.contains("pass --against DIR"), "\(result.stderr)")
        let given = try Binary.run(["diff", "--rules", world + "/rules", "--against", world + "/rules",
                                    "--db", world + "/ruledesk.db"], in: elsewhere)
        #expect(given.status == 0, "\(given.stderr)")
    }
}
