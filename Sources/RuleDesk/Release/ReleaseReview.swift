import Foundation

/// What a careful reviewer runs before a rule version goes into force: `check`, the rule tests, and a `diff`
/// against the version in force over the most recently stored tickets. It writes nothing; the first failing
/// step stops the review with the reason.
///
/// ```swift
/// let outcome = try ReleaseReview(store: store, settings: settings).review(folder: "rules")
/// if let refusal = outcome.refusal { print(refusal) }
/// ```
public struct ReleaseReview {
    /// The one-line results kept with a publication.
    public struct Summary: Sendable, Equatable {
        public let check: String
        public let tests: String
        public let diff: String
    }

    /// What the review found.
    public struct Outcome {
        /// The files reviewed (a folder's as read when the review started).
        public let ruleSet: RuleSet
        /// The publication the diff compared against (nil for the first publication).
        public let inForce: Publication?
        public var findings: [RuleCheck.Finding] = []
        public var tests: RuleTestReport?
        public var diff: DiffReport?
        /// Why the version cannot be put into force, or nil when every step passed.
        public var refusal: String?
        public var summary = Summary(check: "not run", tests: "not run", diff: "not run")
    }

    public let store: Store
    public let settings: Settings
    /// Warnings of `check` refuse too.
    public var strict = false
    /// How many of the most recently stored tickets the diff compares.
    public var recentTickets = 1000
    public var jobs = 1

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
    }

    /// Reviews a rule folder for publication.
    public func review(folder: String) throws -> Outcome {
        let ruleSet = try RuleSet(folder: folder)
        var outcome = Outcome(ruleSet: ruleSet, inForce: try store.read { try RuleReleases.inForce(in: $0) })
        outcome.findings = try RuleCheck(folder: folder).run()
        let errors = outcome.findings.filter(\.isError).count, warnings = outcome.findings.count - errors
        let check = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        outcome.summary = Summary(check: check, tests: "not run", diff: "not run")
        if errors > 0 || (strict && warnings > 0) {
            outcome.refusal = "`check` found \(check)\(errors == 0 ? " (--strict)" : ""); fix them and publish again"
            return outcome
        }
        let tests = try RuleTestRunner(ruleSet: ruleSet, settings: settings).run()
        outcome.tests = tests
        outcome.summary = Summary(check: check, tests: tests.summary, diff: "not run")
        if tests.failed > 0 {
            outcome.refusal = "the rule tests fail (\(tests.summary)); fix the rules or the tests and publish again"
            return outcome
        }
        try compare(&outcome)
        if outcome.refusal == nil, try RuleSet(folder: folder).version != ruleSet.version {
            outcome.refusal = "the files in \(folder) changed during the review; publish again once they stay put"
        }
        return outcome
    }

    /// Reviews putting an earlier published version back into force: its check and tests ran when it was
    /// published; the diff runs again against the version in force now.
    public func review(rollbackTo version: String) throws -> Outcome {
        let (ruleSet, inForce, first) = try store.read { db in
            (try RuleReleases.ruleSet(version: version, in: db), try RuleReleases.inForce(in: db),
             try RuleReleases.log(in: db).first { $0.version == version })
        }
        var outcome = Outcome(ruleSet: ruleSet, inForce: inForce)
        let earlier = first.map { "passed when published as #\($0.sequence)" } ?? "passed when published"
        outcome.summary = Summary(check: earlier, tests: earlier, diff: "not run")
        try compare(&outcome)
        return outcome
    }

    /// The diff against the version in force; tickets that it decides and the new version fails refuse.
    private func compare(_ outcome: inout Outcome) throws {
        guard let inForce = outcome.inForce else {
            outcome.summary = Summary(check: outcome.summary.check, tests: outcome.summary.tests,
                                      diff: "first publication: no version in force to compare with")
            return
        }
        let current = try store.read { try RuleReleases.ruleSet(version: inForce.version, in: $0) }
        var diff = RuleDiff(store: store, current: current, proposed: outcome.ruleSet, settings: settings)
        diff.range.latest = recentTickets
        diff.jobs = jobs
        let report = try diff.run()
        outcome.diff = report
        let failingBefore = Set(report.failuresBefore.map(\.ticket))
        let newlyFailing = report.failures.filter { !failingBefore.contains($0.ticket) }
        outcome.summary = Summary(
            check: outcome.summary.check, tests: outcome.summary.tests,
            diff: "\(DiffReport.count(report.ticketsChanged)) of the latest \(DiffReport.count(report.tickets)) tickets change"
                + (newlyFailing.isEmpty ? "" : ", \(DiffReport.count(newlyFailing.count)) fail"))
        if let first = newlyFailing.first {
            outcome.refusal = "\(newlyFailing.count) ticket\(newlyFailing.count == 1 ? "" : "s") that the version in force decides "
                + "fail under the new rules (e.g. \(first.ticket): \(first.message)); fix the rules and publish again"
        }
    }
}
