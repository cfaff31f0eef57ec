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
}
