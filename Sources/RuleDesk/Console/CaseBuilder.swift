import Foundation
import GRDB
import LuaRuntime

/// `case{…}`: a case typed in by a clerk, checked like an imported ticket but not stored. Sensible defaults:
/// received now, through channel `cs`, a complaint of cause `other` (the rules decide what that means), one
/// household affected, the only community when there is one; `cost` may stand for `estimated_cost`.
struct CaseBuilder {
    unowned let console: ConsoleSession

    func build(_ value: LuaValue) throws -> TicketCase {
        guard var given = value.tableValue else {
            throw LuaError(.runtime, console.say(.caseUsage))
        }
        if let cost = given.removeValue(forKey: "cost"), given["estimated_cost"] == nil { given["estimated_cost"] = cost }
        var fields = try LuaFields.csvFields(.table(given), kind: .tickets, zone: console.settings.timeZone)
        let now = Timestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
        let defaults = ["channel": "cs", "kind": "complaint", "received_at": now.iso8601(in: console.settings.timeZone),
                        "number": "CASE-\(console.cases.count + 1)"]
        for (key, value) in defaults where fields[key] == nil { fields[key] = value }
        if fields["cause"] == nil { fields["cause"] = "other" }
        if fields["community"] == nil {
            let codes = try console.store.read { try String.fetchAll($0, sql: "SELECT code FROM communities LIMIT 2") }
            if codes.count == 1 { fields["community"] = codes[0] }
        }
        let row = RowReader(file: "case", row: ImportTable.Row(line: 1, fields: fields), kind: .tickets)
        for column in fields.keys where !ImportKind.tickets.columns.contains(column) {
            throw LuaError(.runtime, console.say(.unknownCaseField(column, ImportKind.tickets.columns)))
        }
        do {
            return try console.store.read { db in
                let ticket = try TicketFields(row: row, settings: console.settings, lookups: ImportLookups(),
                                              vocabulary: console.engine.vocabulary).ticket(in: db)
                let community = try Community.fetchOne(db, key: ticket.communityId)!
                let household = try ticket.householdId.flatMap { try Household.fetchOne(db, key: $0) }
                return TicketCase(ticket: ticket, community: community, household: household)
            }
        } catch let error as ImportError {
            let problem = error.problem.text(in: console.language)
            throw LuaError(.runtime, error.column.map { console.say(.caseField($0, problem)) } ?? problem)
        }
    }
}
