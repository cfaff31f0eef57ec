import ArgumentParser
import RuleDesk

struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Write LuaLS annotations and a .luarc.json into the rules folder, for editor completion.",
        discussion: """
            Writes DIR/types/ruledesk.lua (Ticket, Ctx, Calendar, each rule's outputs, the test helpers) and
            DIR/.luarc.json, all generated from the host's description of its API. Run it again after changing
            a rule's outputs.

            Example:
              ruledesk types
              ruledesk types --rules new-rules
            """
    )

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let engine = try RuleEngine(ruleSet: try rules.load(), store: nil, settings: try Settings.fromEnvironment())
        for path in try LuaLSAnnotations(rules: engine.rules, vocabulary: engine.vocabulary).write(into: engine.ruleSet.folder) {
            Terminal.print("wrote \(path)")
        }
    }
}
