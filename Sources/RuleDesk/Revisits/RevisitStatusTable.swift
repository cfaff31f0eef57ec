import LuaRuntime

/// Revisit statuses as an aligned table or JSON.
public enum RevisitStatusTable {
    public static func text(_ statuses: [RevisitStatus]) -> String {
        let header = ["community", "occupancy", "last first", "last annual", "visited", "open follow-ups", "handled"]
        let rows = statuses.map { s in
            [s.community, "\(percent(s.occupancy)) (\(s.occupied)/\(s.householdsTotal))",
             s.lastFirst?.description ?? "—", s.lastAnnual?.description ?? "—", String(s.householdsVisited),
             s.openFollowUps.isEmpty ? "0" : "\(s.openFollowUps.count): " + s.openFollowUps.joined(separator: " "),
             "\(percent(s.handlingRate)) (\(s.findingsHandled)/\(s.findings))"]
        }
        return AlignedTable.render(header: header, rows: rows)
    }

    public static func json(_ statuses: [RevisitStatus]) -> String {
        JSONText.encode(.array(statuses.map { s in
            .table([
                "community": .string(s.community), "occupancy": .number(s.occupancy),
                "occupied": .integer(Int64(s.occupied)), "households_total": .integer(Int64(s.householdsTotal)),
                "last_first": s.lastFirst.map { .string($0.description) } ?? .nil,
                "last_annual": s.lastAnnual.map { .string($0.description) } ?? .nil,
                "households_visited": .integer(Int64(s.householdsVisited)),
                "open_follow_ups": .array(s.openFollowUps.map(LuaValue.string)),
                "findings": .integer(Int64(s.findings)), "findings_handled": .integer(Int64(s.findingsHandled)),
                "handling_rate": .number(s.handlingRate),
            ])
        }))
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
