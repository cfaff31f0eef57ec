import ArgumentParser
import RuleDesk

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a recorded decision with its trace; --rerun evaluates it again under that version's kept files.",
        discussion: """
            Without --version, the latest decision. The version may be given by its first digits.

            Example:
              ruledesk explain KF-2026-000014
              ruledesk explain KF-2026-000014 --version 00ee9cf1 --rerun
            """
    )

    @Argument(help: "The ticket's number.")
    var number: String

    @Option(help: ArgumentHelp("A rule version (its first digits are enough).", valueName: "hash"))
    var version: String?

    @Flag(help: "Evaluate the ticket again under that version's kept files and say whether it decides the same.")
    var rerun = false

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(for: .read)
        let (entry, ruleSet) = try store.read { db -> (DecisionHistory.Entry, RuleSet?) in
            let entry = try DecisionHistory(ticket: number, in: db).latest(under: version, in: db)
            return (entry, try RuleArchive.ruleSet(version: entry.decision.rulesVersion, in: db))
        }
        let settings = try Settings.fromEnvironment()
        let engine = try ruleSet.map { try RuleEngine(ruleSet: $0, store: store, settings: settings) }
        if output.format == .json {
            Terminal.print(entry.decision.json)
        } else {
            Terminal.print("recorded \(entry.evaluatedAt)")
            Terminal.print(entry.decision.text(engine?.clerkLabels(in: .en) ?? ClerkLabels()))
        }
        guard rerun else { return }
        guard let engine else { throw HistoryError.notKept(entry.decision.rulesVersion) }
        guard let ticketCase = try store.read({ try TicketCase.load(number: number, from: $0) }) else { return }
        let again = try engine.evaluate(ticketCase)
        let changes = DecisionHistory.changes(from: entry.decision, to: again)
        Terminal.print("")
        Terminal.print(changes.isEmpty ? "re-run under \(engine.ruleSet.folder): the same results as recorded"
                      : "re-run under \(engine.ruleSet.folder) decides differently now (the records or the calendar changed):")
        for change in changes { Terminal.print("  \(change)") }
    }
}
