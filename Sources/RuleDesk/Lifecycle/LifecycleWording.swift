/// How the life of tickets reads to a clerk: the language, and the names the rules give what they declare — each
/// deadline's Chinese name (`output_names`) and each key's name (`labels`, e.g. a department's).
///
/// ```swift
/// let wording = LifecycleWording(language: .zh, engine: engine)
/// wording.deadline("survey_due")   // "勘察期限"
/// ```
public struct LifecycleWording: Sendable {
    public let language: Language
    /// Deadline → its Chinese name.
    let deadlineNames: [String: String]
    /// Key → its name, shown beside it.
    let keyNames: [String: String]
    /// The ticket fields' values and their Chinese names.
    let vocabulary: Vocabulary

    /// The wording of `engine`'s rules (the version in force, for the commands); nil: keys and output names alone.
    public init(language: Language, engine: RuleEngine?) {
        self.language = language
        var names: [String: String] = [:]
        if let engine {
            for deadline in engine.declared.deadlines {
                if let name = engine.outputNames[deadline.rule]?[deadline.name] { names[deadline.name] = name }
            }
        }
        deadlineNames = names
        keyNames = engine?.labels ?? [:]
        vocabulary = engine?.vocabulary ?? .none
    }

    /// A message in the clerk's language.
    public func say(_ message: LifecycleMessage) -> String { message.text(in: language) }

    /// A deadline: its Chinese name in Chinese (the output's name where the rules give none), its name in English.
    func deadline(_ name: String) -> String {
        language == .zh ? deadlineNames[name] ?? name : name
    }

    /// A key with its name: `cs (客户服务部)`, in Chinese `客户服务部(cs)`.
    func key(_ key: String) -> String {
        guard let name = keyNames[key] else { return key }
        return language == .zh ? "\(name)(\(key))" : "\(key) (\(name))"
    }

    /// A ticket field's value: its Chinese name in Chinese (`维修`; the key where the vocabulary has none), its key
    /// in English (`repair`).
    func value(_ key: String, of field: String) -> String {
        language == .zh ? vocabulary.fields[field]?.term(for: key)?.name ?? key : key
    }

    /// A date: `2026-05-14`, or `2026年5月14日` in Chinese.
    public func date(_ date: LocalDate) -> String { language.date(date) }
}
