/// What a decision shows a clerk beside its keys: the names the rules give the keys their outputs hold (`labels`:
/// `team_lead` → `组长`) and their outputs themselves (`output_names`: `approvers` → `审批人`), in a language.
public struct ClerkLabels: Sendable {
    /// Output value key → its name.
    public var values: [String: String]
    /// Rule → output → its name.
    public var outputs: [String: [String: String]]
    public var language: Language

    public init(values: [String: String] = [:], outputs: [String: [String: String]] = [:], language: Language = .en) {
        self.values = values
        self.outputs = outputs
        self.language = language
    }
}

extension RuleEngine {
    /// The rules' names for their output keys and outputs, for text in `language`.
    public func clerkLabels(in language: Language) -> ClerkLabels {
        ClerkLabels(values: labels, outputs: outputNames, language: language)
    }
}
