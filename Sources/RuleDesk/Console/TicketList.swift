import GRDB
import LuaRuntime

/// `tickets{ status = "new", community = "H01", kind = "repair", limit = 20 }`: the latest tickets that match.
struct TicketList {
    let status: String?
    let community: String?
    let kind: String?
    let limit: Int

    /// `console` says what is wrong in its language.
    init(filter: LuaValue, console: ConsoleSession) throws {
        let fields = filter.tableValue ?? [:]
        for key in fields.keys where !["status", "community", "kind", "limit"].contains(key) {
            throw LuaError(.runtime, console.say(.unknownFilter(key)))
        }
        status = fields["status"]?.stringValue
        community = fields["community"]?.stringValue
        kind = fields["kind"]?.stringValue
        limit = Int(fields["limit"]?.integerValue ?? 20)
    }

    /// The rows, with the ticket's recorded `results` columns.
    func rows(in store: Store, results: [String]) throws -> LuaValue {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let status { conditions.append("t.status = ?"); arguments += [status] }
        if let community { conditions.append("c.code = ?"); arguments += [community] }
        if let kind { conditions.append("t.kind = ?"); arguments += [kind] }
        let sql = """
            SELECT t.number, t.received_at, c.code AS community, c.name AS community_name, t.kind, t.cause, t.status\(results.map { ", t." + $0.quotedDatabaseIdentifier }.joined())
            FROM tickets t JOIN communities c ON c.id = t.community_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY t.received_at DESC, t.number DESC LIMIT \(max(0, min(limit, 1000)))
            """
        let rows = try store.read { try Row.fetchAll($0, sql: sql, arguments: arguments) }
        return .array(rows.map { row in
            .table(Dictionary(uniqueKeysWithValues: row.map { ($0.0, LuaValue(databaseValue: $0.1)) }))
        })
    }
}
