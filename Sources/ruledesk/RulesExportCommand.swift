import ArgumentParser
import RuleDesk

struct RulesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a published version's rule files into a folder, for review or a new draft.",
        discussion: """
            The folder then has the same version. A folder with anything in it is refused unless --force
            (its *.lua files are then replaced by the version's).

            Example:
              ruledesk rules export 058daa02 review-058daa02
              ruledesk rules export 058daa02 rules --force
            """
    )

    @Argument(help: ArgumentHelp("A published version, or 8 or more of its first hex digits.", valueName: "version"))
    var version: String

    @Argument(help: ArgumentHelp("The folder to write.", valueName: "dir"))
    var folder: String

    @Flag(help: "Write into a folder that is not empty.")
    var force = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let ruleSet = try database.open(for: .read).read { db in
            try RuleReleases.ruleSet(version: try RuleReleases.resolve(version, in: db), in: db)
        }
        let paths = try RuleExport.write(ruleSet, to: folder, force: force)
        for path in paths { Terminal.print("wrote \(path)") }
        Terminal.print("\(folder) holds version \(try RuleSet(folder: folder).version)")
    }
}
