/// A value outside a field's vocabulary, with the nearest allowed values (or all of them when none is near).
public struct VocabularyError: Error, Equatable, CustomStringConvertible {
    /// The field and its allowed values.
    public let field: Vocabulary.Field
    /// The value as written.
    public let value: String
    /// The allowed values closest to it, nearest first; empty when none is close.
    public let nearest: [Vocabulary.Term]

    /// `value` refused in `field`, with the field's values nearest to it.
    public init(field: Vocabulary.Field, value: String) {
        self.init(field: field, value: value, nearest: NearestTerms.to(value, in: field.terms))
    }

    init(field: Vocabulary.Field, value: String, nearest: [Vocabulary.Term]) {
        self.field = field
        self.value = value
        self.nearest = nearest
    }

    /// What is wrong and what to write, without the field's name (which a caller puts before it).
    public func text(in language: Language) -> String {
        VocabularyMessage.outside(value: value, field: field, nearest: nearest).text(in: language)
    }

    public var description: String { "\(field.name): " + text(in: .en) }
}
