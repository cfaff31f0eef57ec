import ArgumentParser
import Foundation
import RuleDesk

extension ImportKind: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file or an Excel workbook (.xlsx) with a header row, all or nothing.",
        discussion: """
            KIND is one of: communities, households, contractors, tickets, calendar,
            revisits, events. Every row is checked; each bad one is listed as
            FILE:LINE: column: what is wrong (the first 50, then how many more), and
            then nothing is written.

            A CSV file may be UTF-8 (with or without a byte-order mark) or
            GB18030/GBK, as Chinese Excel saves it, with LF or CRLF line ends. A
            workbook's first sheet is read unless --sheet names another; LINE is then
            the row number Excel shows.

            Headers may use the columns' Chinese names (README, "Importing"); columns
            the kind does not have are ignored with a warning, or refused with
            --strict. Dates may be written 2026-03-05, 2026/3/5 or 2026年3月5日; times
            without an offset are in the site's time zone (RULEDESK_TIMEZONE); amounts
            1,200.00, ¥1200 or in full-width digits; booleans true/false, 是/否, Y/N or
            1/0.

            Tickets' channel, cause, kind, component and trades must be values of the
            rules' vocabulary (rules/lib/vocabulary.lua: of --rules DIR, else of the
            version in force, else of ./rules); a Chinese name or another spelling is
            stored as its key. Events (number,event,at,until,cost,rating,by,note) are
            recorded as `ruledesk record` records them, under the version in force.

            Example:
              ruledesk import calendar samples/calendar.csv
              ruledesk import tickets 工单.csv --dry-run
              ruledesk import tickets 工单.xlsx --sheet 三月 --strict
            """
    )

    @Argument(help: "What the file holds: communities, households, contractors, tickets, calendar, revisits or events.")
    var kind: ImportKind

    @Argument(help: "The CSV file, or an .xlsx workbook.")
    var file: String

    @Option(help: ArgumentHelp("The CSV file's text encoding, utf-8 or gb18030 (also gbk) (default: detected).", valueName: "name"))
    var encoding: TextEncoding?

    @Option(help: ArgumentHelp("The sheet of an .xlsx workbook to read (default: the first).", valueName: "name"))
    var sheet: String?

    @Flag(help: "Refuse columns the kind does not have, instead of ignoring them with a warning.")
    var strict = false

    @Flag(help: "Check every row and list every bad one; write nothing.")
    var dryRun = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions
    @OptionGroup var language: LanguageOptions

    /// From this many rows on, the summary says how fast they went.
    static let rateFrom = 1000

    func run() throws {
        let store = try database.open(for: .write)
        var importer = Importer(store: store, settings: try Settings.fromEnvironment())
        let clerk = language.language
        if kind == .tickets {
            importer.vocabulary = try Vocabulary.of(RuleSource.choose(folder: rules.rules, store: store), store: store)
        }
        var options = ImportOptions()
        options.encoding = encoding
        options.sheet = sheet
        options.strict = strict
        options.dryRun = dryRun
        let display = ProgressDisplay(command: "import", unit: "rows", language: clerk)
        if ProgressDisplay.onTerminal {
            options.progress = { display.show(done: $0.done, total: $0.total, seconds: $0.seconds) }
        }
        let report: ImportReport
        do {
            report = try importer.run(kind, file: file, options: options)
            display.finish()
        } catch let failure as ImportFailure {
            display.finish()
            failure.lines(in: clerk).forEach(Terminal.error)
            throw CommandFailure(message: failure.summary(in: clerk, dryRun: dryRun))
        } catch let error as ImportError {
            throw CommandFailure(message: error.text(in: clerk))
        }
        if !report.ignoredColumns.isEmpty {
            Terminal.error("\(file): " + ImportMessage.ignoredColumns(report.ignoredColumns, kind: kind).text(in: clerk))
        }
        var line = (dryRun ? ImportMessage.checked(report.rows, kind, file: file) : .imported(report.rows, kind, file: file))
            .text(in: clerk)
        if report.rows >= Self.rateFrom {
            line += ImportMessage.rate(seconds: report.seconds, rowsPerSecond: Self.grouped(Int(report.rate.rounded())))
                .text(in: clerk)
        }
        Terminal.print(line)
    }

    /// 47619 → `47,619`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
