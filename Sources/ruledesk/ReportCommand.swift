import ArgumentParser
import Foundation
import RuleDesk

/// The formats `ruledesk report` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, csv, json, html, xlsx
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a report script of rules/reports/ (weekly, quarterly, yearly) and print or write the report.",
        discussion: """
            The report covers one period: --week, --quarter or --year, whichever the script takes (default: the one
            that holds today), or any --from/--to. It shows the state at the end of the period's last day. The same
            database, rules and options give the same bytes.

            Example:
              ruledesk report weekly --week 2026-W18 --office 华庭客服处
              ruledesk report quarterly --quarter 2026-Q2 --format html --out q2.html
              ruledesk report yearly --year 2026 --format csv --out 2026.csv
              ruledesk report yearly --year 2026 --format xlsx --out 2026.xlsx
              ruledesk report weekly --from 2026-04-27 --to 2026-05-10 --format markdown
            """
    )

    @Argument(help: "The report's name, e.g. weekly.")
    var name: String

    @Option(help: ArgumentHelp("An ISO week, Monday to Sunday, e.g. 2026-W18.", valueName: "week"))
    var week: String?
    @Option(help: ArgumentHelp("A quarter, e.g. 2026-Q2.", valueName: "quarter"))
    var quarter: String?
    @Option(help: ArgumentHelp("A year, e.g. 2026.", valueName: "year"))
    var year: String?
    @Option(help: ArgumentHelp("The first day of a period of your own (with --to), e.g. 2026-04-01.", valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("The last day of a period of your own (with --from), e.g. 2026-04-30.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("One customer-service office (as in communities.csv; \"\" for the default office); default: the company.", valueName: "office"))
    var office: String?

    @Option(help: "text for a terminal, markdown for chat and mail, csv for Excel, json for programs, html for a browser or print, xlsx for the figures and tables as an Excel workbook.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of printing it.", valueName: "file"))
    var out: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions

    /// The period the options give, or nil for the script's own around today.
    func period() throws -> ReportPeriod? {
        let given = [week, quarter, year].compactMap { $0 }.count + (from != nil || to != nil ? 1 : 0)
        guard given <= 1 else { throw ValidationError("give one period: --week, --quarter, --year, or --from with --to") }
        if let week {
            guard let period = ReportPeriod.week(week) else { throw ValidationError("--week '\(week)' is not a week; write YYYY-Www, e.g. 2026-W18") }
            return period
        }
        if let quarter {
            guard let period = ReportPeriod.quarter(quarter) else { throw ValidationError("--quarter '\(quarter)' is not a quarter; write YYYY-Qn, e.g. 2026-Q2") }
            return period
        }
        if let year {
            guard let period = ReportPeriod.year(year) else { throw ValidationError("--year '\(year)' is not a year; write YYYY, e.g. 2026") }
            return period
        }
        guard from != nil || to != nil else { return nil }
        guard let fromText = from, let toText = to else { throw ValidationError("--from and --to go together") }
        guard let start = LocalDate(fromText) else { throw ValidationError("--from '\(fromText)' is not a date; write YYYY-MM-DD") }
        guard let end = LocalDate(toText) else { throw ValidationError("--to '\(toText)' is not a date; write YYYY-MM-DD") }
        guard start <= end else { throw ValidationError("--from \(start) is after --to \(end)") }
        guard end.dayNumber - start.dayNumber < 3_660 else { throw ValidationError("--from/--to spans more than ten years; choose a shorter period") }
        return .range(start, end)
    }

    func validate() throws {
        _ = try period()
        if format == .xlsx, out == nil, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("--format xlsx writes a binary workbook, which would garble the terminal; pass --out FILE.xlsx, or redirect the output to a file")
        }
    }

    func run() throws {
        let store = try database.open(for: .read)
        let rules = try rules.load(store: store)
        let settings = try Settings.fromEnvironment()
        let runner = try ReportRunner(ruleSet: rules.ruleSet, store: store, settings: settings)
        var report = try runner.run(name, period: try period(), office: office, today: settings.today)
        report.draft = rules.draftLine
        let data: Data
        switch format {
        case .text: data = Data((report.text + "\n").utf8)
        case .markdown: data = Data(report.markdown.utf8)
        case .csv: data = Data(report.csv.utf8)
        case .json: data = Data((report.json + "\n").utf8)
        case .html: data = Data(report.html.utf8)
        case .xlsx: data = try XLSXWriter.data(report.spreadsheet)
        }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write \(out): \((error as NSError).localizedDescription); check the folder exists and is writable")
        }
        Terminal.print("wrote \(out) (\(format.rawValue), \(report.sections.count) sections)")
    }
}
