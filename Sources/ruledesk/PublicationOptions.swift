import ArgumentParser
import Foundation
import RuleDesk

/// What `rules publish` and `rules rollback` share: who and why, `--yes`, and the review's diff.
struct PublicationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who puts the version into force (kept with the publication).", valueName: "name"))
    var by: String

    @Option(help: ArgumentHelp("Why: the policy change, its clause, the request (kept with the publication).", valueName: "text"))
    var note: String

    @Flag(help: "Go ahead without asking (for scripts).")
    var yes = false

    @Option(help: ArgumentHelp("How many of the most recently stored tickets the diff compares.", valueName: "n"))
    var recent = 1000

    @Option(help: "Lua states per rule set evaluating the diff in parallel (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--by must name who publishes, e.g. --by 王芳")
        }
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--note must say why, e.g. --note \"3.6.1: raise the first approval limit\"")
        }
        if recent < 1 { throw ValidationError("--recent must be 1 or more") }
        try JobsLimit.check(jobs)
    }

    /// The review of a version for `store`, with the diff's window and jobs.
    func review(of store: Store) throws -> ReleaseReview {
        var review = ReleaseReview(store: store, settings: try Settings.fromEnvironment())
        review.recentTickets = recent
        review.jobs = jobs
        return review
    }

    /// Puts the reviewed version into force, if the version in force is still the one the review compared with.
    func putInForce(_ outcome: ReleaseReview.Outcome, kind: Publication.Kind, in store: Store) throws {
        let publication = try store.write {
            try RuleReleases.publish(outcome.ruleSet, kind: kind, by: by, note: note, review: outcome.summary,
                                     expecting: outcome.inForce?.version, in: $0)
        }
        Terminal.print("in force: \(publication.line)")
    }
}
