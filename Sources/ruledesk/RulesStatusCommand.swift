import ArgumentParser
import RuleDesk

struct RulesStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The version in force, who published it and when, and which files of the rules folder differ from it.",
        discussion: """
            Example:
              ruledesk rules status
              ruledesk rules status --rules new-rules --format json
            """
    )

    @OptionGroup var rules: RulesOptions

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(for: .read)
        let inForce = try store.read { db in
            try RuleReleases.inForce(in: db).map { ($0, try RuleReleases.ruleSet(version: $0.version, in: db)) }
        }
        let folder = try RuleSet(folder: rules.folder)
        let changes = inForce.map { RuleSetChanges.lines(from: $0.1, to: folder) } ?? []
        if output.format == .json {
            Terminal.print(RuleReleases.statusJSON(inForce: inForce?.0, folder: folder, changes: changes))
            return
        }
        guard let (publication, _) = inForce else {
            Terminal.print("no version is in force: nothing was published in \(database.path) yet")
            Terminal.print("\(folder.folder) is version \(folder.version.prefix(12)); publish it with "
                          + "`ruledesk rules publish --rules \(folder.folder) --by NAME --note TEXT`")
            return
        }
        Terminal.print("in force: \(publication.line)")
        Terminal.print("  check \(publication.review.check); tests \(publication.review.tests); diff \(publication.review.diff)")
        if changes.isEmpty {
            Terminal.print("\(folder.folder) holds the same files")
        } else {
            Terminal.print("\(folder.folder) (version \(folder.version.prefix(12)), not in force) differs:")
            for line in changes { Terminal.print(line) }
        }
    }
}
