import ArgumentParser
import Foundation
import RuleDesk

@main
struct RuleDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ruledesk",
        abstract: "After-sales customer-service policy as Lua rules, evaluated against records in SQLite.",
        discussion: """
            Set up a database and see the sample decisions:
              ruledesk init && ruledesk import communities samples/communities.csv && ruledesk eval KF-2026-000001
            """,
        subcommands: [InitCommand.self, ImportCommand.self, EvalCommand.self, TestCommand.self, RevisitCommand.self, BatchCommand.self, GenCommand.self, CheckCommand.self, TypesCommand.self, DiffCommand.self, HistoryCommand.self, ExplainCommand.self, RulesCommand.self, ReplCommand.self, RecordCommand.self, DueCommand.self, SlaCommand.self, FindCommand.self, ReportCommand.self]
    )

    /// The one place errors are rendered: usage errors exit 2 with the usage; a ``CommandFailure`` exits with its
    /// status, and any other error (the library's, which say what went wrong and what to do) 1, each as one clear
    /// line on stderr.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Terminal.error(failure.message)
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            if code == .success || error is ExitCode || error is CleanExit {
                exit(withError: error)
            }
            Terminal.error(String(describing: error))
            Foundation.exit(1)
        }
    }
}
