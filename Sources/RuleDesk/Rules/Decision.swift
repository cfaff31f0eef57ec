import LuaRuntime

/// What the rules decided for one ticket: each rule's outputs and trace, under one rule-set version.
public struct Decision: Sendable, Equatable {
    /// One rule's part of the decision.
    public struct Outcome: Sendable, Equatable {
        public let rule: String
        public let results: [String: LuaValue]
        public let trace: [String]
    }

    public let ticket: String
    public let rulesVersion: String
    /// In evaluation order.
    public let outcomes: [Outcome]

    /// The outputs of `rule`, if it ran.
    public func results(of rule: String) -> [String: LuaValue]? {
        outcomes.first { $0.rule == rule }?.results
    }

    /// One output that differs between two decisions.
    public struct Difference: Sendable, Equatable {
        public let rule: String
        public let field: String
        /// `.nil` where the rule or the field is absent.
        public let before: LuaValue
        public let after: LuaValue
    }

    /// Every output of either decision whose value differs in the other, by rule and field name.
    public func differences(to other: Decision) -> [Difference] {
        let rules = Set(outcomes.map(\.rule)).union(other.outcomes.map(\.rule)).sorted()
        return rules.flatMap { rule -> [Difference] in
            let a = results(of: rule) ?? [:], b = other.results(of: rule) ?? [:]
            return Set(a.keys).union(b.keys).sorted().compactMap { field in
                let before = a[field] ?? .nil, after = b[field] ?? .nil
                return before == after ? nil : Difference(rule: rule, field: field, before: before, after: after)
            }
        }
    }
}
