import GRDB
import LuaRuntime

/// What the store knows of a community's revisits: saved plans and recorded visits, up to a date.
struct RevisitHistory {
    struct SavedPlan {
        let on: LocalDate
        let kind: String
        let mode: String?
        let sampleSize: Int
        let households: [String]
    }

    struct Visit {
        let household: String
        let visitedOn: LocalDate
        let mode: String
        let rating: RevisitResult.Rating
        let notes: String
    }

    let plans: [SavedPlan]
    let visits: [Visit]
    /// Phone callbacks after repairs (3.5.4) in which the owner was severely dissatisfied: findings to follow up
    /// like a revisit's (mode `callback`, the ticket's number as notes).
    let severeCallbacks: [Visit]

    /// Plans and visits of `community` on or before `date` (every one when `date` is nil), oldest first.
    init(community: Community, upTo date: LocalDate?, in db: Database) throws {
        let last = date?.description ?? "9999-12-31"
        let planRows = try Row.fetchAll(db, sql: """
            SELECT id, planned_on, kind, mode, sample_size FROM revisit_plans
            WHERE community_id = ? AND planned_on <= ? ORDER BY planned_on, id
            """, arguments: [community.id, last])
        plans = try planRows.map { row in
            let codes = try String.fetchAll(db, sql: """
                SELECT h.code FROM revisit_plan_households p JOIN households h ON h.id = p.household_id
                WHERE p.plan_id = ? AND p.role = 'sample' ORDER BY h.code
                """, arguments: [row["id"] as Int64])
            return SavedPlan(on: LocalDate(row["planned_on"] as String)!, kind: row["kind"], mode: row["mode"],
                             sampleSize: row["sample_size"], households: codes)
        }
        visits = try Row.fetchAll(db, sql: """
            SELECT h.code, r.visited_on, r.mode, r.rating, r.notes FROM revisit_results r
            JOIN households h ON h.id = r.household_id
            WHERE r.community_id = ? AND r.visited_on <= ? ORDER BY r.visited_on, r.id
            """, arguments: [community.id, last]).map { row in
            Visit(household: row[0], visitedOn: LocalDate(row[1] as String)!, mode: row[2],
                  rating: RevisitResult.Rating(rawValue: row[3])!, notes: row[4])
        }
        severeCallbacks = try Row.fetchAll(db, sql: """
            SELECT h.code, t.callback_on, t.number FROM tickets t JOIN households h ON h.id = t.household_id
            WHERE t.community_id = ? AND t.callback_rating = ? AND t.callback_on <= ? ORDER BY t.callback_on, t.number
            """, arguments: [community.id, RevisitResult.Rating.severelyDissatisfied.rawValue, last]).map { row in
            Visit(household: row[0], visitedOn: LocalDate(row[1] as String)!, mode: "callback", rating: .severelyDissatisfied,
                  notes: row[2])
        }
    }

    /// The revisits' findings and the severe callbacks, by date.
    var findings: [Visit] { Self.byDate(visits.filter(\.rating.isFinding), severeCallbacks) }

    /// Visits and callbacks by date, visits first on the same day; the visits' own order is kept.
    static func byDate(_ visits: [Visit], _ callbacks: [Visit]) -> [Visit] {
        guard !callbacks.isEmpty else { return visits }
        return (visits.enumerated().map { ($0.element, 0, $0.offset) } + callbacks.enumerated().map { ($0.element, 1, $0.offset) })
            .sorted { ($0.0.visitedOn, $0.1, $0.2) < ($1.0.visitedOn, $1.1, $1.2) }.map(\.0)
    }

    /// `{ plans = {…}, results = {…} }` as docs/rules.md describes it.
    var luaValue: LuaValue {
        .table([
            "plans": .array(plans.map { plan in
                var fields: [String: LuaValue] = [
                    "on": .string(plan.on.description), "kind": .string(plan.kind),
                    "sample_size": .integer(Int64(plan.sampleSize)),
                    "households": .array(plan.households.map(LuaValue.string)),
                ]
                if let mode = plan.mode { fields["mode"] = .string(mode) }
                return .table(fields)
            }),
            "results": .array(Self.byDate(visits, severeCallbacks).map { visit in
                .table([
                    "household": .string(visit.household), "visited_on": .string(visit.visitedOn.description),
                    "mode": .string(visit.mode), "rating": .string(visit.rating.rawValue), "notes": .string(visit.notes),
                ])
            }),
        ])
    }
}

extension Household {
    /// The household as plan scripts see it (no owner, no phone).
    var planValue: LuaValue {
        var fields: [String: LuaValue] = [
            "code": .string(code), "building": .string(building), "unit": .string(unit), "room": .string(room),
        ]
        if let movedInOn { fields["moved_in_on"] = .string(movedInOn.description) }
        return .table(fields)
    }

    /// The households of a community moved in on or before `date`, by code.
    static func occupied(in community: Community, on date: LocalDate, _ db: Database) throws -> [Household] {
        try Household.filter(Column("community_id") == community.id && Column("moved_in_on") != nil
                             && Column("moved_in_on") <= date.description)
            .order(Column("code")).fetchAll(db)
    }
}
