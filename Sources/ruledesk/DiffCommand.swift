import ArgumentParser
import Foundation
import RuleDesk

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a rule change would do to stored tickets, before it goes live (writes nothing).",
        discussion: """
            Evaluates the tickets in the range under the version in force (or --against DIR) and the new rules, in parallel, and reports
            for each rule and field how many tickets change and how, with examples, and every ticket that fails
            under the new rules.

            Example:
              ruledesk diff --rules new-rules
              ruledesk diff --rules new-rules --since 2026-01-01 --until 2026-12-31 --community H01 --format csv
            """
    )

    @Option(help: ArgumentHelp("The changed rule set.", valueName: "new-dir"))
    var rules: String

    @Option(help: ArgumentHelp("The rule set to compare against (default: the version in force; ./rules when nothing is published).",
                               valueName: "dir"))
    var against: String?

    @Option(help: ArgumentHelp("First registration date to include.", valueName: "YYYY-MM-DD"))
    var since: LocalDate?

    @Option(help: ArgumentHelp("Last registration date to include.", valueName: "YYYY-MM-DD"))
    var until: LocalDate?

    @Option(help: ArgumentHelp("Only this community's tickets.", valueName: "code"))
    var community: String?

    @Option(help: "Lua states per rule set evaluating in parallel (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "text, json or csv.")
    var format: DiffFormat = .text

    @OptionGroup var database: DatabaseOptions

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func run() throws {
        try reporting {
            let store = try database.open()
            let current = try RuleSource.choose(folder: against, store: store)
            let proposed = RuleSource.draft(rules)
            let proposedRules = try proposed.load(from: store)
            var diff = RuleDiff(store: store, current: try current.load(from: store),
                                proposed: proposedRules, settings: try Settings.fromEnvironment())
            diff.range.since = since
            diff.range.until = until
            diff.range.community = community
            diff.jobs = max(1, jobs)
            let report = try diff.run()
            switch format {
            case .text:
                if let draftLine = try proposed.draftLine(proposedRules, store: store) { Console.print(draftLine) }
                Console.print(report.text)
            case .json: Console.print(report.json)
            case .csv: Console.print(report.csv)
            }
        }
    }
}
