import ArgumentParser
import RuleDesk

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The work queue: every unmet deadline of open tickets, most urgent first.",
        discussion: """
            Working days are counted on the holiday calendar; a negative number of days left is overdue.

            Examples:
              ruledesk due
              ruledesk due --overdue --department cs
              ruledesk due --on 2026-05-11 --within 2 --community H01
              ruledesk due --format csv > due.csv
              ruledesk due --overdue --format xlsx --out 逾期.xlsx
            """
    )

    @Option(help: ArgumentHelp("The day to read the clocks on (default: today in the company's time zone).", valueName: "date"))
    var on: LocalDate?

    @Flag(help: "Only deadlines that have passed.")
    var overdue = false

    @Option(help: ArgumentHelp("Only deadlines due within N working days (overdue ones included).", valueName: "n"))
    var within: Int?

    @Option(help: ArgumentHelp("Only tickets of this responsible department (its key, e.g. cs).", valueName: "key"))
    var department: String?

    @Option(help: ArgumentHelp("Only tickets of this community (its code).", valueName: "code"))
    var community: String?

    enum QueueFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv, xlsx }
    @Option(help: "text for people, json for programs, csv or xlsx (an Excel workbook: with --out, or redirected) for Excel.")
    var format: QueueFormat = .text

    @OptionGroup var spreadsheet: SpreadsheetOutputOptions

    @OptionGroup var language: LanguageOptions

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let within, within < 0 { throw ValidationError("--within must be 0 or more working days") }
        try spreadsheet.check(xlsx: format == .xlsx)
    }

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let store = try database.open(for: .read)
        var filter = WorkQueue.Filter()
        filter.overdueOnly = overdue
        filter.withinWorkdays = within
        filter.department = department
        filter.community = community
        let calendar = try store.calendar()
        let inForce = try RuleEngine.inForce(store: store, settings: settings)
        let queue = try store.read {
            try WorkQueue(on: on ?? settings.today, filter: filter, calendar: calendar,
                          responsible: inForce?.declared.responsibleColumn, in: $0)
        }
        switch format {
        case .json: Terminal.print(queue.json)
        case .csv: Terminal.print(queue.csv)
        case .xlsx: try spreadsheet.write(queue.spreadsheet)
        case .text: Terminal.print(queue.text(wording: LifecycleWording(language: language.language, engine: inForce)))
        }
    }
}
