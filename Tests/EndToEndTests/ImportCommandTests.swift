import Foundation
import Testing
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct ImportCommandTests {
    @Test func aBadRowNamesFileLineAndColumnAndWritesNothing() throws {
        let folder = try Binary.sampleWorld()
        let csv = """
            code,name,completion_date,handover_date,households_total
            N01,新小区,2025-01-01,,10
            N02,坏小区,2025-02-30,,10
            """
        try csv.write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let result = try Binary.run(["import", "communities", "bad.csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == """
            ruledesk: bad.csv:3: completion_date: '2025-02-30' is not a date; write YYYY-MM-DD, e.g. 2026-03-02
            ruledesk: bad.csv: 1 bad row; nothing was imported, correct it and import the file again

            """)
        let good = """
            code,name,completion_date,handover_date,households_total
            N01,新小区,2025-01-01,,10
            """
        try good.write(toFile: folder + "/good.csv", atomically: true, encoding: .utf8)
        let again = try Binary.run(["import", "communities", "good.csv"], in: folder)
        #expect(again.stdout == "imported 1 communities from good.csv\n")
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let folder = try Binary.workspace()
        try Binary.run(["init"], in: folder)
        let result = try Binary.run(["import", "owners", "x.csv"], in: folder)
        #expect(result.status == 2)
    }

    @Test func initCreatesAndMigratesTwice() throws {
        let folder = try Binary.workspace()
        #expect(try Binary.run(["init", "--db", "a.db"], in: folder).stdout == "database ready: a.db\n")
        #expect(try Binary.run(["init", "--db", "a.db"], in: folder).status == 0)
    }
}
