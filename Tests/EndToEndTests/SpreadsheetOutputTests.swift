import Foundation
import RuleDesk
import Testing
import TemporaryFolders

/// `--format xlsx` of `diff` and `revisit plan`: workbooks read back by the reader, opened by LibreOffice where
/// it is installed, and never written to a terminal.
@Suite(.removesTemporaryFolders) struct SpreadsheetOutputTests {
    private func changedRules(in folder: String) throws {
        try FileManager.default.copyItem(atPath: folder + "/rules", toPath: folder + "/new-rules")
        let path = folder + "/new-rules/approval.lua"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "local TIER1_UP_TO = 1000 ", with: "local TIER1_UP_TO = 2000 ")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func diffWritesTheChangesAsAWorkbook() throws {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        try changedRules(in: folder)
        let result = try Binary.run(["diff", "--rules", "new-rules", "--format", "xlsx", "--out", "diff.xlsx"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("草稿 draft rules from new-rules (version "))
        #expect(result.stdout.hasSuffix(", not published)\nwrote diff.xlsx: 3 rows under the header rule,field,from,to,tickets,examples\n"))
        let sheet = try XLSXReader(data: Data(contentsOf: URL(fileURLWithPath: folder + "/diff.xlsx"))).sheet(named: nil)
        #expect(sheet.name == "diff")
        #expect(sheet.rows.first?.cells == ["rule", "field", "from", "to", "tickets", "examples"].map(SpreadsheetCell.text))
        #expect(sheet.rows.dropFirst().map { $0.cells.prefix(2) } == [[.text("approval"), .text("approvers")],
                                                                  [.text("approval"), .text("reviewers")],
                                                                  [.text("approval"), .text("tier")]])
        #expect(sheet.rows[3].cells[2...4] == [.text("2"), .text("1"), .number(2)])
        let piped = try Binary.run(["diff", "--rules", "new-rules", "--format", "xlsx"], in: folder)
        #expect(Data(piped.stdout.utf8).starts(with: [0x50, 0x4B]))
    }

    @Test func aRevisitPlanIsARowPerHousehold() throws {
        let folder = try Binary.sampleWorld()
        let result = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx", "--out", "plan.xlsx"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let sheet = try XLSXReader(data: Data(contentsOf: URL(fileURLWithPath: folder + "/plan.xlsx"))).sheet(named: nil)
        #expect(sheet.name == "H01 2026-03-01")
        #expect(sheet.rows.count == 19)
        #expect(sheet.rows[1].cells == [.text("H01"), .date(LocalDate("2026-03-01")!), .text("first"), .text("in_person"),
                                        .text("H01-1-1-101"), .boolean(false)])
    }

    static let libreOffice = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/local/bin/libreoffice"]
        .first(where: FileManager.default.isExecutableFile)

    @Test(.enabled(if: libreOffice != nil, "LibreOffice is not installed (it is not among the Makefile's packages: it is large)"))
    func theWorkbooksOpenInLibreOffice() throws {
        let folder = try Binary.sampleWorld()
        try Binary.publish(in: folder)
        try changedRules(in: folder)
        #expect(try Binary.run(["diff", "--rules", "new-rules", "--format", "xlsx", "--out", "diff.xlsx"], in: folder).status == 0)
        #expect(try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx", "--out", "plan.xlsx"], in: folder).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.libreOffice))
        process.arguments = ["--headless", "-env:UserInstallation=file://" + folder + "/office", "--convert-to", "csv",
                             "--outdir", folder + "/csv", folder + "/diff.xlsx", folder + "/plan.xlsx"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let plan = try String(contentsOfFile: folder + "/csv/plan.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(plan.first == "community,on,kind,mode,household,follow_up,with_manager")
        #expect(plan.dropFirst().first == "H01,2026-03-01,first,in_person,H01-1-1-101,FALSE,")
        #expect(plan.count == 19)
        let diff = try String(contentsOfFile: folder + "/csv/diff.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(diff == ["rule,field,from,to,tickets,examples",
                         #"approval,approvers,"[""deputy_gm""]","[""cs_manager""]",2,KF-2026-000007 KF-2026-000014"#,
                         #"approval,reviewers,"[""deputy_chief_engineer""]",[],2,KF-2026-000007 KF-2026-000014"#,
                         "approval,tier,2,1,2,KF-2026-000007 KF-2026-000014"])
    }

    @Test func aDraftIsSaidBesideTheWorkbook() throws {
        let folder = try Binary.sampleWorld()
        let out = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx", "--out", "plan.xlsx"], in: folder)
        #expect(out.stdout.hasPrefix("草稿 draft rules from rules (version "), "\(out.stdout)")
        let piped = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx"], in: folder)
        #expect(piped.stderr.hasPrefix("草稿 draft rules from rules (version ") && Data(piped.stdout.utf8).starts(with: [0x50, 0x4B]))
    }

    @Test func xlsxIsNeverWrittenToATerminalAndOutNeedsIt() throws {
        let folder = try Binary.sampleWorld()
        let terminal = try Terminal(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx"], in: folder,
                                    environment: Terminal.environment(home: folder))
        #expect(try terminal.wait() == 2)
        #expect(terminal.screen.contains("--format xlsx writes a binary workbook, which would garble the terminal; pass --out FILE.xlsx"))
        #expect(!terminal.screen.contains("PK"))
        let stray = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--out", "plan.xlsx"], in: folder)
        #expect(stray.status == 2 && stray.stderr.contains("--out plan.xlsx is for --format xlsx"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/plan.xlsx"))
        let nowhere = try Binary.run(["revisit", "plan", "H01", "--on", "2026-03-01", "--format", "xlsx", "--out", "missing/plan.xlsx"], in: folder)
        #expect(nowhere.status == 1 && nowhere.stderr.hasPrefix("ruledesk: cannot write missing/plan.xlsx: "))
    }
}
