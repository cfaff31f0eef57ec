import ArgumentParser
import RuleDesk

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a database, or migrate an existing one to the current schema.",
        discussion: "Example:\n  ruledesk init --db ruledesk.db"
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        _ = try Store(path: database.path, access: .create)
        Terminal.print("database ready: \(database.path)")
    }
}
