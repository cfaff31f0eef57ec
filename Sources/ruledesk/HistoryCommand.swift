import ArgumentParser
import RuleDesk

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every decision recorded for a ticket: when, under which rule version, after which event, what changed.",
        discussion: """
            Example:
              ruledesk history KF-2026-000014
              ruledesk history KF-2026-000014 --format json
            """
    )

    @Argument(help: "The ticket's number.")
    var number: String

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let history = try database.open(for: .read).read { try DecisionHistory(ticket: number, in: $0) }
        guard !history.entries.isEmpty else { throw HistoryError.noDecision(number) }
        if output.format == .json {
            Terminal.print(history.json)
            return
        }
        for (index, entry) in history.entries.enumerated() {
            let what = index == 0 ? "first decision" : entry.changes.isEmpty ? "no change" : entry.changes.count == 1 ? "1 change" : "\(entry.changes.count) changes"
            let after = entry.event.map { "  after \($0.text)" } ?? ""
            Terminal.print("#\(index + 1)  \(entry.evaluatedAt)  version \(entry.decision.rulesVersion.prefix(12))\(after)  \(what)")
            for change in entry.changes { Terminal.print("      \(change)") }
        }
    }
}
