import ArgumentParser
import Foundation
import RuleDesk

/// `--out FILE` for `--format xlsx`: where the workbook goes. Without it the workbook goes to stdout, unless
/// stdout is a terminal, which a binary file would garble.
struct SpreadsheetOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --format xlsx, the workbook to write (default: stdout, when it is not a terminal).",
                               valueName: "file.xlsx"))
    var out: String?

    /// Refuses `--out` without xlsx, and xlsx to a terminal.
    func check(xlsx: Bool) throws {
        if !xlsx, let out {
            throw ValidationError("--out \(out) is for --format xlsx; add --format xlsx, or drop --out and redirect the output")
        }
        if xlsx, out == nil, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("--format xlsx writes a binary workbook, which would garble the terminal; pass --out FILE.xlsx, or redirect the output to a file")
        }
    }

    /// Writes `table` as a workbook to `--out` (saying so) or to stdout. A draft's line (`草稿 draft rules from …`)
    /// goes before what is said on stdout, or to stderr when the workbook takes stdout.
    func write(_ table: SpreadsheetTable, draftLine: String? = nil) throws {
        let data = try XLSXWriter.data(table)
        guard let out else {
            if let draftLine { FileHandle.standardError.write(Data((draftLine + "\n").utf8)) }
            FileHandle.standardOutput.write(data)
            return
        }
        if let draftLine { Terminal.print(draftLine) }
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write \(out): \((error as NSError).localizedDescription); check the folder and its permissions")
        }
        Terminal.print("wrote \(out): \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") under the header \(table.header.joined(separator: ","))")
    }
}
