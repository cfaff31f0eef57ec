import Foundation
import GRDB

/// Finding tickets by number for people who mistype them.
public enum TicketSearch {
    /// A ticket number as typed: trimmed, full-width letters, digits and dashes made plain (ＫＦ－２０２６ → KF-2026),
    /// letters upper case.
    public static func normalisedNumber(_ typed: String) -> String {
        HalfWidth.folded(typed).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// Up to `limit` stored numbers nearest to `number` (fewest edits), for a "did you mean" hint.
    public static func closest(to number: String, in db: Database, limit: Int = 3) throws -> [String] {
        let target = Array(number.uppercased())
        var best: [(distance: Int, number: String)] = []
        let cursor = try String.fetchCursor(db, sql: "SELECT number FROM tickets")
        while let candidate = try cursor.next() {
            let distance = editDistance(target, Array(candidate.uppercased()))
            guard distance <= max(2, target.count / 3) else { continue }
            best.append((distance, candidate))
            best.sort { ($0.distance, $0.number) < ($1.distance, $1.number) }
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.number)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var previous = row[0]
            row[0] = i + 1
            for (j, cb) in b.enumerated() {
                let current = row[j + 1]
                row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (ca == cb ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
