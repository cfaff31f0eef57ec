import Foundation

/// What a clerk reads about a value outside the rules' vocabulary (`rules/lib/vocabulary.lua`).
public enum VocabularyMessage: ClerkMessage {
    /// `value` is none of `field`'s values; `nearest` are the closest (none: list them all).
    case outside(value: String, field: Vocabulary.Field, nearest: [Vocabulary.Term])
    /// A stored ticket has a value outside the vocabulary (`eval`): the ticket's number and the problem.
    case storedTicket(String, VocabularyError)

    /// How many allowed values a message lists when none is near.
    static let listed = 16

    public var texts: Bilingual {
        switch self {
        case .outside(let value, let field, let nearest):
            let listed = nearest.isEmpty ? Array(field.terms.prefix(Self.listed)) : nearest
            let more = field.terms.count > listed.count && nearest.isEmpty
            let en = listed.map { $0.shown(in: .en) }.joined(separator: ", ") + (more ? ", …" : "")
            let zh = listed.map { $0.shown(in: .zh) }.joined(separator: "、") + (more ? "……" : "")
            return nearest.isEmpty
                ? Bilingual(en: "'\(value)' is not a value of \(field.name) in the rules' vocabulary; write one of: \(en)",
                            zh: "「\(value)」不在规则词表的\(field.title)(\(field.name))之中;可填:\(zh)")
                : Bilingual(en: "'\(value)' is not a value of \(field.name) in the rules' vocabulary; did you mean \(en.replacingLast(", ", with: " or "))?",
                            zh: "「\(value)」不在规则词表的\(field.title)(\(field.name))之中;是否指 \(zh.replacingLast("、", with: " 或 "))?")
        case .storedTicket(let number, let error):
            return Bilingual(
                en: "ticket \(number) has a value outside the rules' vocabulary, so it is not evaluated: \(error.field.name): \(error.text(in: .en))",
                zh: "工单 \(number) 有规则词表之外的取值,未予评估:\(error.field.title)(\(error.field.name)):\(error.text(in: .zh))")
        }
    }

    public static var examples: [VocabularyMessage] {
        let field = Vocabulary.Field(name: "component", title: "ABC", terms: [
            Vocabulary.Term(key: "plumbing", name: "P1"), Vocabulary.Term(key: "electrical", name: "E1"),
        ])
        return [
            .outside(value: "plumbng", field: field, nearest: [field.terms[0]]),
            .outside(value: "xyz", field: field, nearest: []),
            .storedTicket("KF-2026-000031", VocabularyError(field: field, value: "xyz", nearest: [])),
        ]
    }
}

extension String {
    /// The text with its last `separator` replaced: `a, b, c` → `a, b or c`.
    func replacingLast(_ separator: String, with replacement: String) -> String {
        guard let range = range(of: separator, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
