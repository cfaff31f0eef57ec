/// A Chinese phone number as ruledesk stores and searches it: digits only, without the country prefix.
///
/// People write `+86 138-0000-0010`, `(010) 6512 3456`, `８６１３８００００００１０`; all are stored as the digits a
/// caller dials inside China (`13800000010`, `01065123456`). A number that cannot be a phone is refused, and
/// ``problem(_:)`` says why without repeating it (a phone is personal data).
///
/// ```swift
/// PhoneNumber.normalised("+86 138 0000 0010")   // "13800000010"
/// PhoneNumber.normalised("+86 10 6512 3456")    // "01065123456": the area code regains its 0
/// PhoneNumber.normalised("12345")               // nil
/// PhoneNumber.problem("12345")?.description     // "has 5 digits; …"
/// ```
public enum PhoneNumber {
    /// The digits of `text` when it is a possible phone: a mobile (11 digits starting with 1), a landline with
    /// its area code (0 and 9–11 more digits) or a local landline without one (7 or 8 digits, not starting with
    /// 0 or 1). Spaces, dashes, dots, parentheses and full-width digits are ignored, and a `+86` or `0086` country
    /// prefix is removed (so is a bare `86` before a number that is no phone without it). Nil for anything else,
    /// an empty text included.
    public static func normalised(_ text: String) -> String? {
        guard case .success(let digits) = read(text) else { return nil }
        return digits
    }

    /// Why `text` is not a possible phone, in words that do not repeat it ("has 9 digits; …"), or nil when it is one.
    public static func problem(_ text: String) -> Problem? {
        guard case .failure(let problem) = read(text) else { return nil }
        return problem
    }

    /// Why a text is not a possible phone.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty, notDigits, foreign, digits(Int), startsWithOne(Int)

        /// The problem in each language, in words that do not repeat the phone.
        public var texts: Bilingual {
            let expected = Bilingual(
                en: "a mobile has 11 digits starting with 1, a landline 7 or 8 digits, or 10 to 12 with its area code starting with 0",
                zh: "手机号为 1 开头的 11 位数字,固定电话为 7 或 8 位,带 0 开头的区号则为 10 至 12 位")
            switch self {
            case .empty: return Bilingual(en: "is empty", zh: "为空")
            case .notDigits:
                return Bilingual(en: "has characters other than digits, spaces, dashes and parentheses; " + expected.en,
                                 zh: "含有数字、空格、连字符和括号以外的字符;" + expected.zh)
            case .foreign:
                return Bilingual(en: "has a country code other than +86; write a number in China, " + expected.en,
                                 zh: "国家代码不是 +86;请填国内号码," + expected.zh)
            case .digits(let count):
                return Bilingual(en: "has \(count) digit\(count == 1 ? "" : "s"); " + expected.en, zh: "有 \(count) 位数字;" + expected.zh)
            case .startsWithOne(let count):
                return Bilingual(en: "has \(count) digits starting with 1; " + expected.en, zh: "是 1 开头的 \(count) 位数字;" + expected.zh)
            }
        }

        public var description: String { texts.en }
    }

    private static let separators: Set<Character> = [" ", "-", ".", "(", ")", "\u{2013}", "\u{2014}", "\u{FF08}", "\u{FF09}"]

    static func read(_ text: String) -> Result<String, Problem> {
        var rest = Substring(HalfWidth.folded(text)).drop(while: \.isWhitespace)
        let international = rest.hasPrefix("+")
        if international { rest = rest.dropFirst() }
        var digits = ""
        for character in rest where !separators.contains(character) && !character.isWhitespace {
            guard let digit = character.asciiValue, (48...57).contains(digit) else { return .failure(.notDigits) }
            digits.append(character)
        }
        if digits.isEmpty { return .failure(international ? .notDigits : .empty) }
        if international {
            guard digits.hasPrefix("86") else { return .failure(.foreign) }
            return check(domestic(String(digits.dropFirst(2))))
        }
        if digits.hasPrefix("0086") { return check(domestic(String(digits.dropFirst(4)))) }
        let asWritten = check(digits)
        // `86` without a plus: a prefix only when the number is no phone as written (`86123456` is a local landline).
        if case .failure = asWritten, digits.hasPrefix("86"), case .success(let number) = check(domestic(String(digits.dropFirst(2)))) {
            return .success(number)
        }
        return asWritten
    }

    /// A number written for callers abroad (`10 6512 3456` after `+86`) as dialled at home: a landline's area code
    /// regains its leading 0; a mobile stays as it is.
    private static func domestic(_ digits: String) -> String {
        isMobile(digits) || digits.hasPrefix("0") ? digits : "0" + digits
    }

    private static func isMobile(_ digits: String) -> Bool { digits.count == 11 && digits.hasPrefix("1") }

    private static func check(_ digits: String) -> Result<String, Problem> {
        if isMobile(digits) { return .success(digits) }
        if digits.hasPrefix("0") { return (10...12).contains(digits.count) ? .success(digits) : .failure(.digits(digits.count)) }
        if digits.hasPrefix("1") { return .failure(.startsWithOne(digits.count)) }
        return (7...8).contains(digits.count) ? .success(digits) : .failure(.digits(digits.count))
    }
}
