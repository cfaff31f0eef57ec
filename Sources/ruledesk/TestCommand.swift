import ArgumentParser
import Foundation
import RuleDesk

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule tests in rules/tests/ against an in-memory database.",
        discussion: """
            Every global function named test_* in rules/tests/*.lua is a test. Failures print with file:line;
            the last line is `N passed, N failed`; the exit status is 1 when any test failed, or when --run
            matches no test.

            Example:
              ruledesk test
              ruledesk test --run approval_test.lua:test_cost_10000 --coverage
            """
    )

    @OptionGroup var rules: RulesOptions

    @Option(name: .customLong("run"), help: ArgumentHelp("Only tests whose FILE:NAME contains this text (* matches anything).", valueName: "pattern"))
    var pattern: String?

    @OptionGroup var output: FormatOptions

    @Flag(help: "Report which lines of each rule file the tests ran.")
    var coverage = false

    func run() throws {
        let ruleSet = try rules.load()
        let draftLine = rules.rules == nil ? nil : try RuleSource.draft(rules.folder).draftLine(ruleSet, store: nil)
        var runner = RuleTestRunner(ruleSet: ruleSet, settings: try Settings.fromEnvironment())
        runner.pattern = pattern
        runner.coverage = coverage
        let report = try runner.run()
        if let pattern, report.outcomes.isEmpty {
            throw CommandFailure(message: "no test matches --run '\(pattern)' in \(rules.rules)/tests; "
                + "a pattern is part of FILE:NAME, e.g. approval_test.lua:test_cost, and * matches anything")
        }
        if output.format == .text, let draftLine { Terminal.print(draftLine) }
        Terminal.print(output.format == .json ? report.json : report.text)
        if report.failed > 0 { throw ExitCode(1) }
    }
}
