import Foundation

/// Values as people type them in Excel, read leniently and stored in one form: dates `2026-03-05`, `2026/3/5`,
/// `2026.3.5` or `2026年3月5日`; times after them (`2026/3/5 9:30`, `2026-03-05T09:30:00+08:00`); amounts `1,200.00`,
/// `¥1200`, `￥1,200`, `1200元`; booleans `true/false`, `是/否`, `Y/N`, `yes/no`, `1/0`. Full-width digits and
/// letters count as their ASCII twins (``HalfWidth``).
public enum WrittenValue {
    /// A calendar date in one of the forms above, or nil (a day that does not exist included).
    public static func date(_ text: String) -> LocalDate? {
        var scanner = Scanner(HalfWidth.folded(text).trimmingCharacters(in: .whitespaces))
        guard let date = scanner.date(), scanner.atEnd else { return nil }
        return date
    }

    /// A moment: a date as above followed by a time `H:MM` or `H:MM:SS` (a space or `T` between), and an offset
    /// (`Z`, `+08:00`) or none, when it is a wall-clock time in `zone`; `2026年3月5日9:30` needs no space. Nil for a date alone or anything else.
    public static func moment(_ text: String, zone: TimeZone) -> Timestamp? {
        let folded = HalfWidth.folded(text).trimmingCharacters(in: .whitespaces)
        if let iso = Timestamp(folded) { return iso }
        var scanner = Scanner(folded)
        guard let date = scanner.date() else { return nil }
        // A space or `T` between date and time, or none after `日`.
        guard scanner.skip(anyOf: " T") || scanner.previous == "日" || scanner.previous == "号" else { return nil }
        while scanner.skip(anyOf: " ") {}
        guard let hour = scanner.number(maxDigits: 2), scanner.skip(anyOf: ":："), let minute = scanner.number(exactDigits: 2)
        else { return nil }
        var second = 0
        if scanner.skip(anyOf: ":：") {
            guard let s = scanner.number(exactDigits: 2) else { return nil }
            second = s
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let iso = "\(date)T\(two(hour)):\(two(minute)):\(two(second))" + scanner.rest.trimmingCharacters(in: .whitespaces)
        return Timestamp(iso, zone: zone)
    }

    /// A non-negative or negative amount of yuan, with an optional `¥`/`￥` before or `元` after, thousands
    /// grouped by commas or not; nil for anything else.
    static func amount(_ text: String) -> Double? {
        var value = HalfWidth.folded(text).trimmingCharacters(in: .whitespaces)
        let negative = value.hasPrefix("-")
        if negative { value.removeFirst() }
        if let first = value.first, first == "¥" || first == "￥" { value.removeFirst() }
        if value.hasSuffix("元") { value.removeLast() }
        value = value.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty else { return nil }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy(\.isASCIIDigit) { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1, groups[0].count > 3 || groups.dropFirst().contains(where: { $0.count != 3 }) { return nil }
        guard let amount = Double(groups.joined() + (parts.count == 2 ? "." + parts[1] : "")), amount.isFinite else { return nil }
        return negative ? -amount : amount
    }

    /// True or false in one of the forms above (letters in any case), or nil.
    static func boolean(_ text: String) -> Bool? {
        switch HalfWidth.folded(text).trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "是", "y", "yes", "1": return true
        case "false", "否", "n", "no", "0": return false
        default: return nil
        }
    }

    /// A whole number, thousands grouped by commas or not; nil for anything else.
    static func integer(_ text: String) -> Int? {
        guard let amount = amount(text), amount.rounded() == amount, abs(amount) < 1e15,
              !HalfWidth.folded(text).contains(where: { $0 == "." || $0 == "¥" || $0 == "￥" || $0 == "元" }) else { return nil }
        return Int(amount)
    }

    /// Reads dates and numbers off the front of a text.
    private struct Scanner {
        private let characters: [Character]
        private var index = 0

        init(_ text: String) { characters = Array(text) }

        var atEnd: Bool { index == characters.count }
        /// The character read last.
        var previous: Character? { index > 0 ? characters[index - 1] : nil }
        var rest: String { String(characters[index...]) }

        /// `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` (one or two digits for month and day) or `YYYY年M月D日`.
        mutating func date() -> LocalDate? {
            guard let year = number(exactDigits: 4), let separator = characters[safe: index], "-/.年".contains(separator) else { return nil }
            index += 1
            guard let month = number(maxDigits: 2) else { return nil }
            let second: Character = separator == "年" ? "月" : separator
            guard skip(anyOf: String(second)), let day = number(maxDigits: 2) else { return nil }
            if separator == "年" { _ = skip(anyOf: "日号") }
            return LocalDate(year: year, month: month, day: day)
        }

        mutating func number(exactDigits count: Int) -> Int? {
            let start = index
            guard let value = number(maxDigits: count), index - start == count else {
                index = start
                return nil
            }
            return value
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while digits < maxDigits, let c = characters[safe: index], c.isASCIIDigit {
                value = value * 10 + Int(c.asciiValue! - 48)
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }

        mutating func skip(anyOf set: String) -> Bool {
            guard let c = characters[safe: index], set.contains(c) else { return false }
            index += 1
            return true
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
