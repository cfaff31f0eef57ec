import ArgumentParser
import RuleDesk

struct SlaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Every deadline of one ticket: due date, the event that meets it, when it was met, and its state.",
        discussion: """
            States: pending (not met, not yet due), overdue (not met, due date passed), met (on or before the due
            date), late (met after it); extended when the owner's consent moved it.

            Examples:
              ruledesk sla KF-2026-000014
              ruledesk sla KF-2026-000014 --on 2026-05-11 --format json
            """
    )

    @Argument(help: "The ticket's number.")
    var number: String

    @Option(help: ArgumentHelp("The day to read the clocks on (default: today).", valueName: "date"))
    var on: LocalDate?

    @OptionGroup var output: FormatOptions

    @OptionGroup var language: LanguageOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let store = try database.open(for: .read)
        let clocks = try store.read { try TicketClocks(number: number, in: $0) }
        let calendar = try store.calendar()
        let day = on ?? settings.today
        guard output.format == .text else { return Terminal.print(try clocks.json(on: day, calendar: calendar)) }
        let inForce = try RuleEngine.inForce(store: store, settings: settings)
        Terminal.print(try clocks.text(on: day, calendar: calendar, wording: LifecycleWording(language: language.language, engine: inForce)))
    }
}
