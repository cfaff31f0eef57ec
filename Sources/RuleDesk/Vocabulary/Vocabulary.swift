/// The values a ticket's fields may take, as the rule set declares them (`rules/lib/vocabulary.lua`): for each
/// field, the keys the rules compare with, their Chinese names, and other spellings that mean the same.
///
/// A value is one of the field's keys, or its Chinese name or another spelling, which stand for that key
/// (letters in any case); anything else is refused, naming the nearest values:
///
/// ```swift
/// let vocabulary = try RuleEngine(ruleSet: RuleSet(folder: "rules"), store: nil, settings: settings).vocabulary
/// try vocabulary.normalise("给排水管道", field: "component")   // "plumbing"
/// try vocabulary.normalise("plumbng", field: "component")     // throws: … did you mean plumbing (给排水管道)?
/// try vocabulary.normalise("anything", field: "description")  // "anything": the field has no vocabulary
/// ```
public struct Vocabulary: Sendable, Equatable {
    /// One allowed value.
    public struct Term: Sendable, Equatable {
        /// What rules compare with and the database stores, e.g. `plumbing`.
        public let key: String
        /// Its Chinese name, e.g. `给排水管道`.
        public let name: String
        /// Other spellings that mean the same, e.g. `水管`.
        public let spellings: [String]

        public init(key: String, name: String, spellings: [String] = []) {
            self.key = key
            self.name = name
            self.spellings = spellings
        }

        /// `plumbing (给排水管道)`, or `给排水管道(plumbing)` in Chinese.
        public func shown(in language: Language) -> String {
            language == .zh ? "\(name)(\(key))" : "\(key) (\(name))"
        }
    }

    /// The allowed values of one ticket field.
    public struct Field: Sendable, Equatable {
        /// The ticket field, e.g. `component`.
        public let name: String
        /// Its Chinese name, e.g. `维修部位`.
        public let title: String
        /// Its values, in the order the rules list them.
        public let terms: [Term]

        public init(name: String, title: String, terms: [Term]) {
            self.name = name
            self.title = title
            self.terms = terms
        }

        /// The term `value` names: its key, Chinese name or another spelling (letters in any case).
        public func term(for value: String) -> Term? {
            let folded = value.lowercased()
            return terms.first { $0.key == value || $0.name == value || $0.spellings.contains(value) }
                ?? terms.first { term in ([term.key] + term.spellings).contains { $0.lowercased() == folded } }
        }
    }

    /// The declared fields, by name.
    public let fields: [String: Field]

    public init(fields: [Field]) {
        self.fields = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    }

    /// A rule set without a vocabulary: every value is taken as written.
    public static let none = Vocabulary(fields: [])

    /// The ticket fields a vocabulary may declare: those stored as keys (a list of keys for `trades`).
    public static let ticketFields = ["channel", "cause", "kind", "component", "trades"]

    /// The key `value` stands for in `field` (the value itself when the field has no vocabulary); throws a
    /// ``VocabularyError`` naming the nearest allowed values when it stands for none.
    public func normalise(_ value: String, field: String) throws(VocabularyError) -> String {
        guard let declared = fields[field] else { return value }
        if let term = declared.term(for: value) { return term.key }
        throw VocabularyError(field: declared, value: value)
    }
}
