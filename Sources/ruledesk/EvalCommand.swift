import ArgumentParser
import RuleDesk

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate one stored ticket and print the decision (records nothing).",
        discussion: """
            Example:
              ruledesk eval KF-2026-000001
              ruledesk eval KF-2026-000001 --format json --db ruledesk.db
              ruledesk eval KF-2026-000001 --rules new-rules     (a draft, marked as one)
            """
    )

    @Argument(help: "The ticket's number, e.g. KF-2026-000001.")
    var number: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions

    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let store = try database.open(for: .read)
        guard let ticketCase = try store.read({ try TicketCase.load(number: number, from: $0) }) else {
            let near = try store.read { try TicketSearch.closest(to: number, in: $0) }
            throw CommandFailure(message: LifecycleMessage.noTicketIn(number, database: database.path, near: near)
                .text(in: language.language))
        }
        let rules = try rules.load(store: store)
        let engine = try RuleEngine(ruleSet: rules.ruleSet, store: store, settings: try Settings.fromEnvironment())
        do {
            try engine.vocabulary.check(ticketCase.ticket)
        } catch {
            throw CommandFailure(message: VocabularyMessage.storedTicket(number, error).text(in: language.language))
        }
        let decision = try engine.evaluate(ticketCase)
        if output.format == .json {
            Terminal.print(decision.json(draft: rules.draftLine != nil))
        } else {
            if let draftLine = rules.draftLine { Terminal.print(draftLine) }
            Terminal.print(decision.text(engine.clerkLabels(in: language.language)))
        }
    }
}
