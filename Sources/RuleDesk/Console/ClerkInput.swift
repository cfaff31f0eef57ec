import Foundation

/// What a clerk who is not a programmer types, read as the console's Lua or meta commands: `帮助` is `.help`,
/// `退出` `.quit`, `新案件` `.new`; a ticket number alone on a line shows its decision; `ticket(KF-2026-000014)`
/// and `eval(KF-2026-000014)` need no quotes.
enum ClerkInput {
    /// Words that stand for meta commands.
    static let words = ["帮助": ".help", "退出": ".quit", "新案件": ".new"]

    /// A ticket's or case's number as typed: two or more capitals, then parts with a digit joined by dashes
    /// (`KF-2026-000014`, `CASE-1`, `KF-2026-X1`); `T-1` stays Lua.
    private static let number = #"[A-Z]{2,}(?:-[A-Z0-9]*[0-9][A-Z0-9]*)+"#
    private static let alone = try! NSRegularExpression(pattern: "^" + number + "$")
    /// A running number's shape (`KF-2026-000014`): a number of this shape that is not stored is a mistake.
    private static let running = try! NSRegularExpression(pattern: #"^[A-Z]{2,}-[0-9]{4}-[0-9]+$"#)
    private static let unquoted = try! NSRegularExpression(pattern: #"\b(ticket|eval)\(\s*("# + number + #")\s*\)"#)

    /// The meta command a word stands for.
    static func command(_ line: String) -> String? {
        words[line.trimmingCharacters(in: .whitespaces)]
    }

    /// The line, when it is a number alone, and whether it has the shape of a running number.
    static func numberAlone(_ line: String) -> (number: String, running: Bool)? {
        let text = line.trimmingCharacters(in: .whitespaces)
        let range = NSRange(text.startIndex..., in: text)
        guard alone.firstMatch(in: text, range: range) != nil else { return nil }
        return (text, running.firstMatch(in: text, range: range) != nil)
    }

    /// The line with quotes around the numbers `ticket(…)` and `eval(…)` are given bare.
    static func quotingNumbers(_ line: String) -> String {
        unquoted.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "$1(\"$2\")")
    }
}
