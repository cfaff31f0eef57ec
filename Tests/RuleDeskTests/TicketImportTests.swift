import Foundation
import GRDB
import Testing
@testable import RuleDesk

/// The import's own ticket insert writes what GRDB's `insert` writes, for every property of `Ticket`.
@Suite struct TicketImportTests {
    @Test func theImportedColumnsAreEveryPropertyOfATicket() {
        let ticket = Ticket(id: nil, number: "KF-1", receivedAt: "", channel: "", communityId: 1, householdId: nil, cause: "", kind: "",
                            component: nil, trades: "", complex: false, estimatedCost: nil, householdsAffected: 1, hazard: false,
                            media: false, surveyDate: nil, completedAt: nil, description: "")
        let snakeCase = Mirror(reflecting: ticket).children.compactMap(\.label).map { label in
            label.reduce(into: "") { out, c in out += c.isUppercase ? "_" + c.lowercased() : String(c) }
        }
        #expect(snakeCase == Ticket.importedColumns)
    }

    @Test func theImportedRowIsTheRowGRDBWrites() throws {
        let store = try Fixtures.store()
        try store.write { db in
            let community = try #require(try Community.fetchOne(db))
            let household = try #require(try Household.fetchOne(db))
            func ticket(_ number: String) -> Ticket {
                var ticket = Ticket(id: nil, number: number, receivedAt: "2026-03-05T09:30:00+08:00", channel: "hotline",
                                    communityId: community.id!, householdId: household.id, cause: "warranty", kind: "repair",
                                    component: "plumbing", trades: "plumbing|tiling", complex: true, estimatedCost: 1200.5,
                                    householdsAffected: 2, hazard: true, media: false, surveyDate: LocalDate("2026-03-06"),
                                    completedAt: "2026-03-09", description: "漏水", completedOn: LocalDate("2026-03-09"))
                ticket.feedbackOn = LocalDate("2026-03-07")
                ticket.consentUntil = LocalDate("2026-03-20")
                ticket.finalCost = 1100
                ticket.callbackOn = LocalDate("2026-03-10")
                ticket.callbackRating = "satisfied"
                ticket.closedOn = LocalDate("2026-03-11")
                return ticket
            }
            var byGRDB = ticket("KF-A"), byImport = ticket("KF-B")
            try byGRDB.insert(db)
            try byImport.insertImported(db)
            #expect(byImport.id != nil && byImport.id != byGRDB.id)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE number IN ('KF-A', 'KF-B') ORDER BY number")
            let columns = rows[0].columnNames.filter { $0 != "id" && $0 != "number" }
            for column in columns {
                #expect(rows[0][column] as DatabaseValue == rows[1][column] as DatabaseValue, "\(column)")
            }
            #expect(try Ticket.exists(number: "KF-B", in: db) && !Ticket.exists(number: "KF-C", in: db))
        }
    }
}
