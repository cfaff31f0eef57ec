import ArgumentParser
import RuleDesk

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Rule releases: publish a version into force, its status, the log, rollback and export.",
        subcommands: [RulesPublishCommand.self, RulesStatusCommand.self, RulesLogCommand.self, RulesRollbackCommand.self,
                      RulesExportCommand.self]
    )
}

struct RulesLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The publications, then every rule version the database has seen: first and last use, decisions made, files kept.",
        discussion: """
            Example:
              ruledesk rules log
            """
    )

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let (publications, log) = try database.open(for: .read).read { (try RuleReleases.log(in: $0), try RuleArchive.log(in: $0)) }
        let sequences = Dictionary(grouping: publications, by: \.version)
        if output.format == .json {
            Terminal.print(RuleReleases.logJSON(log, publications: publications))
            return
        }
        if publications.isEmpty {
            Terminal.print("no publications yet")
        } else {
            Terminal.print(AlignedTable.render(
                header: ["#", "version", "kind", "by", "at", "note"],
                rows: publications.reversed().map { ["\($0.sequence)", String($0.version.prefix(12)), $0.kind.rawValue,
                                                     $0.publishedBy, $0.publishedAt, $0.note] }))
        }
        Terminal.print("")
        Terminal.print(AlignedTable.render(
            header: ["version", "first use", "last use", "decisions", "files", "published"],
            rows: log.map { [String($0.version.prefix(12)), $0.firstUse ?? "—", $0.lastUse ?? "—", String($0.decisions),
                             $0.kept ? "kept" : "not kept",
                             sequences[$0.version].map { $0.map { "#\($0.sequence)" }.joined(separator: " ") } ?? "—"] }))
    }
}
