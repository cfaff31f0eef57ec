import RuleDesk

/// How `rules publish` and `rules rollback` show a review: one line per step, the problems or changes under it.
enum ReviewPrinter {
    /// Change lines shown under the diff; the rest is counted.
    static let changesShown = 10

    static func print(_ outcome: ReleaseReview.Outcome, source: String) {
        Terminal.print("review of \(source) (version \(outcome.ruleSet.version.prefix(12)))")
        Terminal.print("  check  \(outcome.summary.check)")
        for finding in outcome.findings { Terminal.print("         \(finding)") }
        Terminal.print("  tests  \(outcome.summary.tests)")
        if let tests = outcome.tests, tests.failed > 0 {
            for outcome in tests.outcomes where !outcome.passed {
                Terminal.print("         FAIL \(outcome.file):\(outcome.line): \(outcome.test)")
                Terminal.print("              \(outcome.failure ?? "")")
            }
        }
        let against = outcome.inForce.map { " (against the version in force, #\($0.sequence) \($0.version.prefix(12)))" } ?? ""
        Terminal.print("  diff   \(outcome.summary.diff)\(against)")
        if let diff = outcome.diff {
            let lines = diff.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            for line in lines.prefix(changesShown) { Terminal.print("         \(line)") }
            if lines.count > changesShown { Terminal.print("         … \(lines.count - changesShown) more lines (`ruledesk diff` shows them all)") }
        }
    }
}
