/// A value outside a field's vocabulary, with the nearest allowed values (or all of them when none is near).
public struct VocabularyError: Error, Equatable, CustomStringConvertible {
    /// The field and its allowed values.
    public let field: Vocabulary.Field
    /// The value as written.
    public let value: String
    /// The allowed values closest to it, nearest first; empty when none is close.
    public let nearest: [Vocabulary.Term]

    /// What is wrong and what to write, without the field's name (which a caller puts before it).
    public func text(in language: Language) -> String {
        VocabularyMessage.outside(value: value, field: field, nearest: nearest).text(in: language)
    }

    public var description: String { "\(field.name): " + text(in: .en) }
}
