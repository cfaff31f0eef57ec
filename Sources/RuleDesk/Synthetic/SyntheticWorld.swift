import Foundation
import GRDB

/// A complete, realistic made-up world for benchmarks, demos and tests: the holiday calendar, communities,
/// households, contractors, and `tickets` new tickets with a spread of causes, costs, components, trades and
/// registration dates over 2024–2026, and what happened to them since (feedback, callbacks and their ratings,
/// closings, as events and facts); communities in two offices. The same seed gives the same world.
public struct SyntheticWorld {
    public var tickets: Int
    public var seed: UInt64 = 2026
    /// The calendar CSV to import (the world's working days); nil for the 2024–2026 holiday calendar built in.
    public var calendarFile: String?

    public init(tickets: Int) { self.tickets = tickets }

    /// The vocabulary of docs/rules.md, with rough weights.
    static let causes = ["warranty": 40, "construction": 14, "other": 8, "design": 6, "property": 8, "sales": 4,
                         "contract": 3, "presale": 2, "insale": 2, "payment": 4, "refund": 3, "invoice": 3, "legal": 3]
    static let components = ["plumbing": 14, "electrical": 12, "decoration": 14, "equipment": 8, "heating": 6,
                              "cooling": 5, "roof_waterproofing": 8, "bathroom_waterproofing": 10,
                              "room_waterproofing": 5, "exterior_wall_leak": 8, "structure": 3, "foundation": 2,
                              "elevator_cabin": 2, "garden": 3]
    static let trades = ["plumbing", "electrical", "waterproofing", "tiling", "painting", "carpentry", "masonry", "hvac"]
    static let channels = ["cs", "cs_office", "hotline", "property", "sales"]

    /// Builds the world in a new database at `path`. When it fails, the database is removed, so that the
    /// same command can be run again.
    public func build(at path: String, settings: Settings) throws -> Store {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SyntheticError.exists(path)
        }
        do {
            return try fill(try Store(path: path, access: .create), settings: settings)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    private func fill(_ store: Store, settings: Settings) throws -> Store {
        let importer = Importer(store: store, settings: settings)
        if let calendarFile {
            try importer.run(.calendar, file: calendarFile)
        } else {
            // The calendar built in: `samples/calendar.csv` as it was when this ruledesk was built.
            try importer.run(.calendar, data: Data(PackageResources.calendar_csv), named: "the built-in calendar")
        }
        var random = SplitMix64(seed: seed)
        let communityCount = max(3, min(200, tickets / 20_000))
        let perCommunity = 200
        try store.write { db in
            for c in 0..<communityCount {
                let completion = LocalDate(year: 2015 + c % 11, month: 1 + c % 12, day: 1 + c % 28)!
                try db.execute(sql: """
                    INSERT INTO communities (code, name, completion_date, handover_date, households_total, office)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [Self.code("G", c), "合成小区\(c + 1)", completion.description,
                                     completion.adding(months: 4).description, perCommunity + 20,
                                     Self.offices[c % Self.offices.count]])
                let communityId = db.lastInsertedRowID
                for h in 0..<perCommunity {
                    let building = 1 + h / 50, room = 101 + h % 50
                    let moved: String? = random.chance(0.8) ? completion.adding(days: 120 + random.below(900)).description : nil
                    try db.cachedStatement(sql: """
                        INSERT INTO households (code, community_id, building, unit, room, owner, phone, moved_in_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: ["\(Self.code("G", c))-\(building)-\(room)", communityId, String(building),
                                                 "1", String(room), "业主\(h + 1)", "1390000\(String(format: "%04d", h))", moved])
                }
            }
            try db.execute(sql: "INSERT INTO contractors (code, name, deposit) VALUES ('S01', '合成建设有限公司', 800000), ('S02', '合成安装工程有限公司', 300000)")
        }
        let households = try store.read { try Row.fetchAll($0, sql: "SELECT id, community_id FROM households") }
        let first = LocalDate(year: 2024, month: 1, day: 2)!.dayNumber
        let last = LocalDate(year: 2026, month: 11, day: 30)!.dayNumber
        let lastDay = LocalDate(dayNumber: last)
        var later = SplitMix64(seed: seed ^ 0x5EED_FAC7)
        var written = 0
        while written < tickets {
            let chunk = min(50_000, tickets - written)
            try store.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO tickets (number, received_at, channel, community_id, household_id, cause, kind, component,
                      trades, complex, estimated_cost, households_affected, hazard, media, survey_date, completed_at, completed_on, description,
                      registered_on, feedback_on, callback_on, callback_rating, closed_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for n in written..<(written + chunk) {
                    let household = households[random.below(households.count)]
                    let day = LocalDate(dayNumber: first + random.below(last - first + 1))
                    let received = String(format: "%@T%02d:%02d:00+08:00", day.description, 8 + random.below(11), random.below(60))
                    let cause = random.weighted(Self.causes)
                    let repair = cause == "warranty" || cause == "construction" || (cause == "other" && random.chance(0.5))
                    let tradeCount = repair ? 1 + (random.chance(0.3) ? 1 + random.below(2) : 0) : 0
                    let trades = (0..<tradeCount).map { _ in Self.trades[random.below(Self.trades.count)] }
                    let cost: Double? = repair ? (exp(Double(random.below(1_000_000)) / 1_000_000 * log(800)) * 60).rounded() : nil
                    let survey: String? = repair && random.chance(0.4) ? day.adding(days: random.below(3)).description : nil
                    let completed: String? = random.chance(0.3) ? day.adding(days: 2 + random.below(10)).description : nil
                    let facts = Facts(registered: day, completed: completed.flatMap(LocalDate.init), last: lastDay, random: &later)
                    try insert.execute(arguments: [
                        String(format: "SY-%d-%07d", day.year, n + 1), received, Self.channels[random.below(Self.channels.count)],
                        household["community_id"] as Int64, household["id"] as Int64, cause, repair ? "repair" : "complaint",
                        repair ? random.weighted(Self.components) : nil, trades.joined(separator: "|"),
                        repair && random.chance(0.03), cost, random.chance(0.02) ? 5 + random.below(10) : 1,
                        random.chance(0.01), random.chance(0.01), survey, completed, completed, "合成工单",
                        Timestamp(received)?.localDate(in: settings.timeZone), facts.feedbackOn, facts.callbackOn, facts.callbackRating, facts.closedOn,
                    ])
                    try facts.record(ticket: db.lastInsertedRowID, completed: completed.flatMap(LocalDate.init), in: db)
                }
            }
            written += chunk
        }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        return store
    }

    static func code(_ prefix: String, _ n: Int) -> String { prefix + String(format: "%03d", n + 1) }
}

/// Why a synthetic world cannot be built.
public enum SyntheticError: Error, CustomStringConvertible {
    case exists(String)

    public var description: String {
        switch self {
        case .exists(let path): return "\(path) exists already; gen builds a new database: choose another --db or remove it"
        }
    }
}

/// A small, fast, seeded random number generator (the same numbers on every machine).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func weighted(_ weights: [String: Int]) -> String {
        let keys = weights.keys.sorted()
        var pick = below(weights.values.reduce(0, +))
        for key in keys {
            pick -= weights[key]!
            if pick < 0 { return key }
        }
        return keys.last!
    }
}
