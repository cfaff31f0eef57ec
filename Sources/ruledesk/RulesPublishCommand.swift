import ArgumentParser
import Foundation
import RuleDesk

struct RulesPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Put a rules folder into force: check, the rule tests and a diff against the version in force first.",
        discussion: """
            Any error of check (warnings too with --strict), any failing rule test, or a ticket that the version
            in force decides and the new rules fail refuses the publication, and nothing changes. Otherwise the
            files, their version, who, when, the note and the review's summary are stored in the database, and
            the version is in force: `ruledesk batch` decides under it. On a terminal it asks first; scripts pass --yes.

            Example:
              ruledesk rules publish --by 王芳 --note "3.6.1: raise the first approval limit"
              ruledesk rules publish --rules new-rules --by 王芳 --note "…" --yes
            """
    )

    @OptionGroup var rules: RulesOptions

    @Option(help: ArgumentHelp("Who publishes (kept with the publication).", valueName: "name"))
    var by: String

    @Option(help: ArgumentHelp("Why: the policy change, its clause, the request (kept with the publication).", valueName: "text"))
    var note: String

    @Flag(help: "Publish without asking (for scripts).")
    var yes = false

    @Flag(help: "Warnings of check refuse too.")
    var strict = false

    @Option(help: ArgumentHelp("How many of the most recently stored tickets the diff compares.", valueName: "n"))
    var recent = 1000

    @Option(help: "Lua states per rule set evaluating the diff in parallel (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        try PublicationText.validate(by: by, note: note)
        if recent < 1 { throw ValidationError("--recent must be 1 or more") }
    }

    func run() throws {
        try Confirmation.ensurePossible(yes: yes)
        var review = ReleaseReview(store: try database.open(for: .write), settings: try Settings.fromEnvironment())
        review.strict = strict
        review.recentTickets = recent
        review.jobs = max(1, jobs)
        let outcome = try review.review(folder: rules.folder)
        ReviewPrinter.print(outcome, source: rules.folder)
        if let refusal = outcome.refusal { throw ReleaseError.refused(refusal) }
        try Confirmation.ask("put version \(outcome.ruleSet.version.prefix(12)) from \(rules.folder) into force?", yes: yes)
        let publication = try review.store.write {
            try RuleReleases.publish(outcome.ruleSet, kind: .publish, by: by, note: note, review: outcome.summary,
                                     expecting: outcome.inForce?.version, in: $0)
        }
        Terminal.print("in force: \(publication.line)")
    }
}

/// The checks of `--by` and `--note` that publish and rollback share.
enum PublicationText {
    static func validate(by: String, note: String) throws {
        if by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--by must name who publishes, e.g. --by 王芳")
        }
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--note must say why, e.g. --note \"3.6.1: raise the first approval limit\"")
        }
    }
}
