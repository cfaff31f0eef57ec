import ArgumentParser
import LuaRuntime
import RuleDesk

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Rule versions the database has seen.",
        subcommands: [RulesLogCommand.self]
    )
}

struct RulesLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Every rule version the database has seen: first and last use, decisions made, files kept.",
        discussion: """
            Example:
              ruledesk rules log
            """
    )

    @OptionGroup var output: FormatOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try reporting {
            let log = try database.open(for: .read).read { try RuleArchive.log(in: $0) }
            if output.format == .json {
                Console.print(JSONText.encode(.array(log.map { use in
                    .table(["version": .string(use.version), "first_use": use.firstUse.map(LuaValue.string) ?? .nil,
                            "last_use": use.lastUse.map(LuaValue.string) ?? .nil,
                            "decisions": .integer(Int64(use.decisions)), "kept": .boolean(use.kept)])
                })))
                return
            }
            Console.print(AlignedTable.render(
                header: ["version", "first use", "last use", "decisions", "files"],
                rows: log.map { [String($0.version.prefix(12)), $0.firstUse ?? "—", $0.lastUse ?? "—", String($0.decisions),
                                 $0.kept ? "kept" : "not kept"] }))
        }
    }
}
