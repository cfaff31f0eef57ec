import ArgumentParser
import RuleDesk

extension ImportKind: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file with a header row, all or nothing.",
        discussion: """
            KIND is one of: communities, households, contractors, tickets, calendar. The first bad row stops the
            import with FILE:LINE: column: what is wrong, and nothing is written. Tickets' channel, cause, kind,
            component and trades must be values of the rules' vocabulary (rules/lib/vocabulary.lua: of --rules DIR,
            else of the version in force, else of ./rules); a Chinese name or another spelling is stored as its key.

            Example:
              ruledesk import calendar samples/calendar.csv
              ruledesk import tickets samples/tickets.csv --db ruledesk.db
            """
    )

    @Argument(help: "What the file holds: communities, households, contractors, tickets or calendar.")
    var kind: ImportKind

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let store = try database.open(for: .write)
        var importer = Importer(store: store, settings: try Settings.fromEnvironment())
        importer.language = language.language
        if kind == .tickets {
            importer.vocabulary = try Vocabulary.of(RuleSource.choose(folder: rules.rules, store: store), store: store)
        }
        let count = try importer.run(kind, file: file)
        Terminal.print("imported \(count) \(kind == .calendar ? "calendar days" : kind.rawValue) from \(file)")
    }
}
