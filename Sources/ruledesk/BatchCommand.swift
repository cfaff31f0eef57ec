import ArgumentParser
import Foundation
import RuleDesk

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Apply the rules to every new ticket, exactly once; safe to kill, re-run or run twice at once.",
        discussion: """
            Each ticket gets one decision row, its status (evaluated, or rule_error with the message), the outputs
            the rules declare copied onto it (`record`) and its deadlines (`deadlines`, into ticket_deadlines); a
            ticket gets a work order when the outputs the rules declare for one (`work_order`) are set.
            It decides only under the version in force, stored in the database by `ruledesk rules publish`, whatever
            the rules folder holds now. The summary always ends with the backlog: tickets in rule_error (failed now
            or before) and tickets claimed by other batches still running. Exit status: 0 all done (nothing in the
            backlog), 3 tickets are in rule_error, 4 no ticket is in rule_error but other batches still hold some,
            1 the batch could not run (or nothing is published yet).

            Example:
              ruledesk batch
              ruledesk batch --jobs 2 --format json
              ruledesk batch --retry-errors
              ruledesk batch --reevaluate --dry-run
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Not accepted: the batch decides only under the version in force (`ruledesk rules status`).",
                               valueName: "dir"))
    var rules: String?

    @Option(help: "At most this many tickets.")
    var limit: Int?

    @Option(help: "Lua states evaluating in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Evaluate and report; write nothing.")
    var dryRun = false

    @Flag(help: "Evaluate open tickets again under the current rules; new decisions are appended.")
    var reevaluate = false

    @Flag(help: "Evaluate the tickets in status rule_error again.")
    var retryErrors = false

    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let rules {
            throw ValidationError("""
                --rules is not accepted: the batch records decisions, so it decides only under the version in force, \
                never a folder. See what \(rules) would change with `ruledesk diff --rules \(rules)`, then put it in force \
                with `ruledesk rules publish --rules \(rules) --by NAME --note TEXT`
                """)
        }
        if reevaluate && retryErrors { throw ValidationError("--reevaluate and --retry-errors cannot be combined") }
        try JobsLimit.check(jobs)
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        var options = BatchOptions()
        options.selection = reevaluate ? .reevaluate : retryErrors ? .errors : .new
        options.limit = limit
        options.jobs = jobs
        options.dryRun = dryRun
        let store = try database.open(for: dryRun ? .read : .write)
        let (inForce, ruleSet) = try store.read { try RuleReleases.inForceWithFiles(in: $0) }
        let runner = BatchRunner(store: store, ruleSet: ruleSet, settings: try Settings.fromEnvironment(), options: options)
        let display = ProgressDisplay()
        runner.progress = { display.show($0) }
        let summary = try runner.run()
        display.finish()
        Terminal.print(output.format == .json ? summary.json : summary.text + "\nunder the published version \(inForce.line)")
        if summary.ruleErrors > 0 || summary.failed > 0 { throw ExitCode(3) }
        if summary.claimedByOthers > 0 { throw ExitCode(4) }
    }
}
