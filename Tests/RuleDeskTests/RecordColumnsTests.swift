import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The batch's reading by column position (`TicketCase.loadMany`, ``ColumnReader``) gives the records GRDB's
/// `init(row:)` gives, for every ticket and household of a generated world, with recorded facts and empty fields.
@Suite(.removesTemporaryFolders) struct RecordColumnsTests {
    @Test func casesReadByPositionEqualCasesReadByName() throws {
        let folder = try Fixtures.temporaryFolder()
        let world = try SyntheticWorld(tickets: 300).build(at: folder + "/world.db", settings: Fixtures.shanghai)
        try world.write { db in
            try db.execute(sql: """
                UPDATE tickets SET component = NULL, estimated_cost = 1234.5, survey_date = '2026-03-02',
                  consent_until = '2026-04-01', final_cost = 99.25, callback_rating = 'satisfied', household_id = NULL
                WHERE id % 7 = 0
                """)
        }
        try world.read { db in
            let byName = try Ticket.fetchAll(db, sql: "SELECT * FROM tickets ORDER BY id").map { try TicketCase.load($0, from: db) }
            let byPosition = try TicketCase.loadMany(ids: byName.map { $0.ticket.id! }, from: db)
            #expect(byPosition.count == byName.count)
            #expect(byName.contains { $0.ticket.completedOn != nil } && byName.contains { $0.household?.movedInOn != nil })
            for (read, expected) in zip(byPosition, byName) {
                #expect(read.ticket == expected.ticket)
                #expect(read.community == expected.community)
                #expect(read.household == expected.household)
            }
        }
    }
}
