import ArgumentParser
import RuleDesk

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile every rule, check the rule-set contract, and lint rules and tests with luacheck.",
        discussion: """
            Reports undefined globals, unused variables and shadowing with file:line. Exit status 1 on any error;
            warnings fail only with --strict.

            Example:
              ruledesk check
              ruledesk check --rules new-rules --strict
            """
    )

    @OptionGroup var rules: RulesOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let findings = try RuleCheck(folder: rules.folder).run()
        for finding in findings { Terminal.print(finding.description) }
        let errors = findings.filter(\.isError).count, warnings = findings.count - errors
        Terminal.print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
