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

            Exit status: 0 the new rules evaluate every ticket (changed or not), 3 the new rules fail on some
            tickets (their count comes first in the headline), 1 the comparison could not run. With --exit-code,
            1 also when any ticket changes, as `git diff --exit-code` (failures still exit 3).

            Example:
              ruledesk diff --rules new-rules
              ruledesk diff --rules new-rules --since 2026-01-01 --until 2026-12-31 --community H01 --format csv
              ruledesk diff --rules new-rules --format xlsx --out diff.xlsx
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

    @Option(help: "text, json, csv or xlsx (an Excel workbook: with --out, or redirected).")
    var format: DiffFormat = .text

    @OptionGroup var spreadsheet: SpreadsheetOutputOptions

    @Flag(help: "Exit with status 1 when any ticket changes (a gate for scripts and CI).")
    var exitCode = false

    @OptionGroup var database: DatabaseOptions

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv, xlsx }

    func validate() throws {
        try JobsLimit.check(jobs)
        try spreadsheet.check(xlsx: format == .xlsx)
    }

    func run() throws {
        let store = try database.open(for: .read)
        let proposed = RuleSource.draft(rules)
        let proposedRules = try proposed.load(from: store)
        var diff = RuleDiff(store: store, current: try baseline(in: store),
                            proposed: proposedRules, settings: try Settings.fromEnvironment())
        diff.range.since = since
        diff.range.until = until
        diff.range.community = community
        diff.jobs = max(1, jobs)
        let report = try diff.run()
        let draftLine = try proposed.draftLine(proposedRules, store: store)
        switch format {
        case .text:
            if let draftLine { Terminal.print(draftLine) }
            Terminal.print(report.text)
        case .json: Terminal.print(report.json)
        case .csv: Terminal.print(report.csv)
        case .xlsx: try spreadsheet.write(report.spreadsheet, draftLine: draftLine)
        }
        if !report.failures.isEmpty { throw ExitCode(3) }
        if exitCode, report.ticketsChanged > 0 { throw ExitCode(1) }
    }

    /// The rule set to compare against: `--against DIR`, else the version in force, else ./rules. A missing folder
    /// is named as the baseline, with the option that sets it.
    private func baseline(in store: Store) throws -> RuleSet {
        do {
            return try RuleSource.choose(folder: against, store: store).load(from: store)
        } catch RuleSetError.missingFolder(let folder) {
            throw CommandFailure(message: "no rules folder at \(folder) to compare against: pass --against DIR with the "
                + "rules in use, or publish them once with `ruledesk rules publish` (then diff compares with the version in force)")
        }
    }
}
