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
        var text = text
        let parsed: Int?? = text.withUTF8 { Self.parse(Array($0).trimmed, zone: zone) }
        guard let seconds = parsed ?? nil else { return nil }
        secondsSinceEpoch = seconds
    }

    /// Seconds since the epoch, `.some(nil)` when a wall-clock time has no offset and no zone to read it in.
    private static func parse(_ b: ArraySlice<UInt8>, zone: TimeZone?) -> Int?? {
        let b = Array(b)
        guard b.count >= 16, let date = LocalDate(String(decoding: b[0..<10], as: UTF8.self)),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") else { return nil }
        var i = 11
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for byte in b[i..<(i + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            i += count
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard i < b.count, b[i] == character.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let hour = number(2), hour < 24, skip(":"), let minute = number(2), minute < 60 else { return nil }
        var second = 0
        if skip(":") {
            guard let s = number(2), s < 61 else { return nil }
            second = s
            if skip(".") || skip(",") {
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        let wall = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        if i == b.count - 1, skip("Z") || skip("z") { return wall }
        if skip("+") || skip("-") {
            let sign = b[i - 1] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = number(2), oh <= 14 else { return nil }
            _ = skip(":")
            guard let om = number(2), om < 60, i == b.count else { return nil }
            return wall - sign * (oh * 3600 + om * 60)
        }
        guard i == b.count else { return nil }
        guard let zone else { return .some(nil) }
        // Wall-clock time in the zone: take the offset in force around that moment.
        let guess = Date(timeIntervalSince1970: TimeInterval(wall))
        return wall - zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-zone.secondsFromGMT(for: guess))))
    }

    /// The date this moment falls on in `zone`.
    public func localDate(in zone: TimeZone) -> LocalDate {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)))
        let local = secondsSinceEpoch + offset
        return LocalDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
    }
}

private extension Array where Element == UInt8 {
    /// Without leading and trailing spaces.
    var trimmed: ArraySlice<UInt8> {
        let space = UInt8(ascii: " ")
        guard let first = firstIndex(where: { $0 != space }), let last = lastIndex(where: { $0 != space }) else { return [] }
        return self[first...last]
    }
}

extension Timestamp {
    /// This moment in ISO 8601 in UTC (`2026-03-05T09:00:00Z`), as records are stamped (runs, releases, plans).
    public static func nowText() -> String { ISO8601DateFormatter().string(from: Date()) }

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
