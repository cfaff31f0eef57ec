import ArgumentParser
import Foundation
import RuleDesk

struct RevisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisit",
        abstract: "Plan community revisits (回访) and see where each community stands.",
        discussion: """
            Example:
              ruledesk revisit plan H01 --on 2026-03-01
              ruledesk revisit plan H01 --on 2026-03-01 --save
              ruledesk import revisits visits.csv
              ruledesk revisit status
            """,
        subcommands: [RevisitPlanCommand.self, RevisitStatusCommand.self]
    )
}

/// A date option as a clerk types it: `2026-05-07`, `2026/5/7`, `2026年5月7日` or in full-width digits.
extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) {
        guard let date = WrittenValue.date(argument) else { return nil }
        self = date
    }
}

struct RevisitPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The revisit plan of a community on a date: kind, mode, sample and follow-ups.",
        discussion: """
            The same community, date and rules always draw the same households. Without --save nothing is written.

            Example:
              ruledesk revisit plan H01 --on 2026-03-01 --format json
              ruledesk revisit plan H01 --on 2026-03-01 --save
              ruledesk revisit plan H01 --on 2026-03-01 --format xlsx --out H01.xlsx
            """
    )

    @Argument(help: "The community's code, e.g. H01.")
    var community: String

    @Option(help: ArgumentHelp("The plan date (default: today).", valueName: "YYYY-MM-DD"))
    var on: LocalDate?

    @Flag(help: "Record the plan.")
    var save = false

    @Option(help: "text for people, json for programs, xlsx for Excel (one row per household; with --out, or redirected).")
    var format: PlanFormat = .text

    @OptionGroup var spreadsheet: SpreadsheetOutputOptions

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: EvaluationRulesOptions

    func validate() throws {
        try spreadsheet.check(xlsx: format == .xlsx)
        if save, let folder = rules.rules {
            throw ValidationError("""
                --save records the plan, so it uses only the version in force, never a folder; \
                drop --rules \(folder), or publish it first with `ruledesk rules publish --rules \(folder) --by NAME --note TEXT`
                """)
        }
    }

    func run() throws {
        let store = try database.open(for: save ? .write : .read)
        let settings = try Settings.fromEnvironment()
        let record = try store.read { try Community.coded(community, in: $0) }
        // A saved plan is a record: only the version in force makes it.
        let chosen = save ? (ruleSet: try RuleSource.published.load(from: store), source: RuleSource.published, draftLine: nil)
            : try rules.load(store: store)
        let engine = try RuleEngine(ruleSet: chosen.ruleSet, store: store, settings: settings)
        let plan = try RevisitPlanner(engine: engine, store: store).plan(record, on: on ?? settings.today)
        if save { _ = try store.write { try plan.save(in: $0) } }
        switch format {
        case .text:
            if let draftLine = chosen.draftLine { Terminal.print(draftLine) }
            Terminal.print(plan.text + (save ? "\n(saved)" : ""))
        case .json: Terminal.print(plan.json)
        case .xlsx: try spreadsheet.write(plan.spreadsheet, draftLine: chosen.draftLine)
        }
    }
}

struct RevisitStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per community: occupancy, last revisits, households visited, open follow-ups, handling rate.",
        discussion: """
            A finding is a visit rated dissatisfied or severely_dissatisfied; it is handled once the household is
            visited again. The goal is a handling rate of 100% (3.7.5.7).

            Example:
              ruledesk revisit status
              ruledesk revisit status H01 --on 2026-12-31 --format json
            """
    )

    @Argument(help: "One community's code (default: every community).")
    var community: String?

    @Option(help: ArgumentHelp("The date to look from (default: today).", valueName: "YYYY-MM-DD"))
    var on: LocalDate?

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(for: .read)
        let date = try on ?? Settings.fromEnvironment().today
        let statuses = try store.read { try RevisitStatus.all(on: date, community: community, in: $0) }
        Terminal.print(output.format == .json ? RevisitStatusTable.json(statuses) : RevisitStatusTable.text(statuses))
    }
}
