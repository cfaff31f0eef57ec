import LuaRuntime

/// The two engines one worker thread of `diff` uses, the rule set in force and the proposed one.
///
/// Most tickets decide the same under both, and most of a proposed rule set is the rules in force. So the proposed
/// engine evaluates only the rules a change touches (``reusable(current:proposed:)`` gives the others), with the
/// outputs they need handed over from the current engine's decision of the same ticket, and the two compare the
/// results of those rules alone. That is sound only when no rule could have found what another left in a module, and
/// when the rules reused reached no module whose file the two sets do not share: the modules' instances are watched,
/// and a ticket where a rule left a module changed, on either side, or where a reused rule required a changed
/// module, is decided again in full. Whatever differs, or fails, is decided again in full into ``Decision``s, so the
/// report is what deciding every ticket in full under both would give.
final class EnginePair: @unchecked Sendable {
    let current: RuleEngine
    let proposed: RuleEngine
    /// The proposed rules not evaluated again.
    let reused: [String]

    init(current: RuleEngine, proposed: RuleEngine) throws {
        self.current = current
        self.proposed = proposed
        reused = Self.reusable(current: current, proposed: proposed)
        guard !reused.isEmpty else {
            try current.compare(ComparisonPlan(encoding: current.rules.map(\.name)))
            try proposed.compare(ComparisonPlan(encoding: proposed.rules.map(\.name)))
            return
        }
        let evaluated = proposed.rules.filter { !reused.contains($0.name) }
        let needed = Set(evaluated.flatMap(\.needs))
        try current.compare(ComparisonPlan(encoding: evaluated.map(\.name), handing: reused.filter(needed.contains),
                                           counting: reused, watching: true,
                                           flagging: Self.changedModules(current: current, proposed: proposed)))
        try proposed.compare(ComparisonPlan(reusing: reused, encoding: evaluated.map(\.name), watching: true))
    }

    /// The ticket's decision under each rule set, or nil when both decide it with the same results.
    func decisions(_ ticketCase: TicketCase) -> (before: Result<Decision, any Error>, after: Result<Decision, any Error>)? {
        if (try? sameResults(ticketCase)) == true { return nil }
        return (Result { try current.evaluate(ticketCase) }, Result { try proposed.evaluate(ticketCase) })
    }

    /// Whether both engines decide the case with the same results, found from the results' JSON (so that the usual
    /// ticket, which a change leaves as it was, is never converted into Swift values). False also when a rule left a
    /// module changed, so that the ticket is decided again in full.
    private func sameResults(_ ticketCase: TicketCase) throws -> Bool {
        let arguments = try current.arguments(ticketCase)
        let reusing = !reused.isEmpty
        return try current.decideCompared(arguments) { before in
            guard try !reusing || Self.modulesUnchanged(before) else { return false }
            let json = try before.string(0)
            return try proposed.decideCompared(arguments, given: reusing ? (before, current) : nil) { after in
                try after.string(0) == json && (try !reusing || Self.modulesUnchanged(after))
            }
        }
    }

    /// Whether no rule of a compared decision left a module changed.
    private static func modulesUnchanged(_ decided: LuaResults) throws -> Bool {
        try decided.value(3) == .boolean(false)
    }

    /// The proposed rules that decide as the current ones do whenever no module is left changed and they reach no
    /// changed module: the same file, needing only such rules, in rule sets of the same rules (a rule only one set
    /// has changes the results).
    static func reusable(current: RuleEngine, proposed: RuleEngine) -> [String] {
        guard Set(current.rules.map(\.name)) == Set(proposed.rules.map(\.name)) else { return [] }
        let currentSources = sources(of: current), proposedSources = sources(of: proposed)
        var reusable: Set<String> = []
        for rule in proposed.rules where currentSources[rule.name] == proposedSources[rule.name]
            && rule.needs.allSatisfy(reusable.contains) {
            reusable.insert(rule.name)
        }
        return proposed.rules.map(\.name).filter(reusable.contains)
    }

    /// The modules (by the name `require` takes) whose file is another text in the two sets, or in one set only.
    static func changedModules(current: RuleEngine, proposed: RuleEngine) -> [String] {
        func texts(_ engine: RuleEngine) -> [String: String] {
            Dictionary(engine.ruleSet.modules.compactMap { file in file.moduleName.map { ($0, file.source) } }) { first, _ in first }
        }
        let before = texts(current), after = texts(proposed)
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// Each rule's file's text, by rule name.
    private static func sources(of engine: RuleEngine) -> [String: String] {
        let byPath = Dictionary(engine.ruleSet.rules.map { ($0.path, $0.source) }) { first, _ in first }
        return Dictionary(engine.rules.compactMap { rule in byPath[rule.path].map { (rule.name, $0) } }) { first, _ in first }
    }
}
