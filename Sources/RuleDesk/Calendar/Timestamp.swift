import Foundation

/// A moment written in ISO 8601 (`2026-05-08T00:30:00+08:00`, `2026-03-05T17:00:00Z`), and the local date it
/// falls on in the company's time zone.
public struct Timestamp: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int

    public init(secondsSinceEpoch: Int) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`. Without an offset the time is read
    /// in `zone` when one is given (the console and tests allow that), and refused otherwise (imports).
    /// A space may stand for the `T`.
    public init?(_ text: String, zone: TimeZone? = nil) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count >= 16, let date = LocalDate(text.prefix(10)) else { return nil }
        let separator = text[text.index(text.startIndex, offsetBy: 10)]
        guard separator == "T" || separator == " " else { return nil }
        var rest = Substring(text.dropFirst(11))
        func take(_ count: Int) -> Int? {
            let digits = rest.prefix(count)
            guard digits.count == count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(count)
            return Int(digits)
        }
        guard let hour = take(2), hour < 24, rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let minute = take(2), minute < 60 else { return nil }
        var second = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let s = take(2), s < 61 else { return nil }
            second = s
            if rest.first == "." || rest.first == "," {
                rest = rest.dropFirst()
                let fraction = rest.prefix(while: { $0.isASCII && $0.isNumber })
                guard !fraction.isEmpty else { return nil }
                rest = rest.dropFirst(fraction.count)
            }
        }
        let wall = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        if rest == "Z" || rest == "z" {
            secondsSinceEpoch = wall
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let oh = take(2), oh <= 14 else { return nil }
            if rest.first == ":" { rest = rest.dropFirst() }
            guard let om = take(2), om < 60, rest.isEmpty else { return nil }
            let offset = (oh * 3600 + om * 60) * (sign == "+" ? 1 : -1)
            secondsSinceEpoch = wall - offset
        } else if rest.isEmpty, let zone {
            // Wall-clock time in the zone: take the offset in force around that moment.
            let guess = Date(timeIntervalSince1970: TimeInterval(wall))
            let offset = zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-zone.secondsFromGMT(for: guess))))
            secondsSinceEpoch = wall - offset
        } else {
            return nil
        }
    }

    /// The date this moment falls on in `zone`.
    public func localDate(in zone: TimeZone) -> LocalDate {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)))
        let local = secondsSinceEpoch + offset
        return LocalDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
    }
}

extension Timestamp {
    /// ISO 8601 with the zone's offset at that moment: `2026-05-08T00:30:00+08:00`.
    public func iso8601(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)))
        let local = secondsSinceEpoch + offset
        let day = LocalDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
        let seconds = local - day.dayNumber * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        return "\(day)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
            + "\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) / 60 % 60))"
    }
}
