import ArgumentParser
import RuleDesk

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find an owner on a call: by phone, name, household, room or ticket number; their tickets and what is due.",
        discussion: """
            A phone may be written with +86, spaces, dashes or full-width digits, or as its last 4 digits or more;
            a room as building-unit-room. Phones are masked unless --show-pii is given.

            Examples:
              ruledesk find 13800000010
              ruledesk find "+86 138-0000-0010"
              ruledesk find 吴强
              ruledesk find 3-2-801
              ruledesk find KF-2026-000014 --format json
            """
    )

    @Argument(help: "What the caller gives: a phone, a name, a household code, a room or a ticket number.")
    var text: String

    @Flag(name: .customLong("show-pii"), help: "Show phones in full.")
    var showPII = false

    @OptionGroup var output: FormatOptions

    @OptionGroup var language: LanguageOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let store = try database.open(for: .read)
        let found = try store.read { try OwnerSearch(text: text, on: settings.today, in: $0) }
        guard output.format == .text else { return Terminal.print(found.json(showingPersonalData: showPII)) }
        let inForce = try RuleEngine.inForce(store: store, settings: settings)
        Terminal.print(found.text(showingPersonalData: showPII, wording: LifecycleWording(language: language.language, engine: inForce)))
    }
}
