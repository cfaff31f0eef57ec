import ArgumentParser
import Foundation
import RuleDesk

struct RulesRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Put an earlier published version back into force (itself a publication, with who and why).",
        discussion: """
            VERSION is a published version or 8 or more of its first hex digits (`ruledesk rules log` lists them).
            A diff against the version in force shows what goes back; on a terminal it asks first.

            Example:
              ruledesk rules rollback 058daa02 --by 王芳 --note "the 2000-yuan limit waits for the board"
            """
    )

    @Argument(help: ArgumentHelp("The published version to put back, e.g. 058daa02.", valueName: "version"))
    var version: String

    @Option(help: ArgumentHelp("Who rolls back (kept with the publication).", valueName: "name"))
    var by: String

    @Option(help: ArgumentHelp("Why (kept with the publication).", valueName: "text"))
    var note: String

    @Flag(help: "Roll back without asking (for scripts).")
    var yes = false

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
        let store = try database.open(for: .write)
        let full = try store.read { db -> String in
            let full = try RuleReleases.resolve(version, in: db)
            if let inForce = try RuleReleases.inForce(in: db), inForce.version == full {
                throw ReleaseError.alreadyInForce(inForce)
            }
            return full
        }
        var review = ReleaseReview(store: store, settings: try Settings.fromEnvironment())
        review.recentTickets = recent
        review.jobs = max(1, jobs)
        let outcome = try review.review(rollbackTo: full)
        ReviewPrinter.print(outcome, source: "published \(full.prefix(12))")
        if let refusal = outcome.refusal { throw ReleaseError.refused(refusal) }
        try Confirmation.ask("put version \(full.prefix(12)) back into force?", yes: yes)
        let publication = try store.write {
            try RuleReleases.publish(outcome.ruleSet, kind: .rollback, by: by, note: note, review: outcome.summary,
                                     expecting: outcome.inForce?.version, in: $0)
        }
        Terminal.print("in force: \(publication.line)")
    }
}
