import ArgumentParser
import LuaRuntime
import RuleDesk

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every decision recorded for a ticket: when, under which rule version, what changed.",
        discussion: """
            Example:
              ruledesk history KF-2026-000014
              ruledesk history KF-2026-000014 --format json
            """
    )

    @Argument(help: "The ticket's number.")
    var number: String

    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try reporting {
            let history = try database.open().read { try DecisionHistory(ticket: number, in: $0) }
            guard !history.entries.isEmpty else { throw HistoryError.noDecision(number) }
            if format == .json {
                Console.print(JSONText.encode(.array(history.entries.map { entry in
                    .table(["id": .integer(entry.id), "evaluated_at": .string(entry.evaluatedAt),
                            "rules_version": .string(entry.decision.rulesVersion),
                            "changes": .array(entry.changes.map(LuaValue.string))])
                })))
                return
            }
            for (index, entry) in history.entries.enumerated() {
                let what = index == 0 ? "first decision" : entry.changes.isEmpty ? "no change" : "\(entry.changes.count) changes"
                Console.print("#\(index + 1)  \(entry.evaluatedAt)  version \(entry.decision.rulesVersion.prefix(12))  \(what)")
                for change in entry.changes { Console.print("      \(change)") }
            }
        }
    }
}

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

    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try reporting {
            let store = try database.open()
            let (entry, ruleSet) = try store.read { db -> (DecisionHistory.Entry, RuleSet?) in
                let history = try DecisionHistory(ticket: number, in: db)
                var candidates = history.entries
                if let version {
                    guard let full = try RuleArchive.resolve(version, in: db) else { throw HistoryError.unknownVersion(version) }
                    candidates = candidates.filter { $0.decision.rulesVersion == full }
                    guard !candidates.isEmpty else { throw HistoryError.noDecisionUnder(number, full) }
                }
                guard let entry = candidates.last else { throw HistoryError.noDecision(number) }
                return (entry, try RuleArchive.ruleSet(version: entry.decision.rulesVersion, in: db))
            }
            let settings = try Settings.fromEnvironment()
            let engine = try ruleSet.map { try RuleEngine(ruleSet: $0, store: store, settings: settings) }
            if format == .json {
                Console.print(entry.decision.json)
            } else {
                Console.print("recorded \(entry.evaluatedAt)")
                Console.print(entry.decision.text(labels: engine?.labels ?? [:]))
            }
            guard rerun else { return }
            guard let engine else { throw HistoryError.notKept(entry.decision.rulesVersion) }
            guard let ticketCase = try store.read({ try TicketCase.load(number: number, from: $0) }) else { return }
            let again = try engine.evaluate(ticketCase)
            let changes = DecisionHistory.changes(from: entry.decision, to: again)
            Console.print("")
            Console.print(changes.isEmpty ? "re-run under \(engine.ruleSet.folder): the same results as recorded"
                          : "re-run under \(engine.ruleSet.folder) decides differently now (the records or the calendar changed):")
            for change in changes { Console.print("  \(change)") }
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Rule versions the database has seen.",
        subcommands: [RulesLogCommand.self]
    )
}

struct RulesLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Every rule version the database has seen: first and last use, decisions made, files kept.",
        discussion: """
            Example:
              ruledesk rules log
            """
    )

    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try reporting {
            let log = try database.open().read { try RuleArchive.log(in: $0) }
            if format == .json {
                Console.print(JSONText.encode(.array(log.map { use in
                    .table(["version": .string(use.version), "first_use": use.firstUse.map(LuaValue.string) ?? .nil,
                            "last_use": use.lastUse.map(LuaValue.string) ?? .nil,
                            "decisions": .integer(Int64(use.decisions)), "kept": .boolean(use.kept)])
                })))
                return
            }
            Console.print(AlignedTable.render(
                header: ["version", "first use", "last use", "decisions", "files"],
                rows: log.map { [String($0.version.prefix(12)), $0.firstUse ?? "—", $0.lastUse ?? "—", String($0.decisions),
                                 $0.kept ? "kept" : "not kept"] }))
        }
    }
}
