import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// Migration v11 keeps every decision and work order of a database made before it, each under its number, the
/// numbers go on as before, and the batch runs' claims move from `tickets.claim_run` to `ticket_claims`.
@Suite(.removesTemporaryFolders) struct MigrationV11Tests {
    @Test func decisionsWorkOrdersAndClaimsAreKept() throws {
        let path = try Fixtures.temporaryFolder() + "/v10.db"
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v10: decisions stored compressed, deadlines by ticket")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO communities (id, code, name, completion_date, households_total) VALUES (1, 'C1', 'c', '2024-01-01', 1);
                    INSERT INTO decision_versions (id, version, dictionary) VALUES (1, 'aa', X'00'), (2, 'bb', X'0102');
                    INSERT INTO batch_runs (id, host, pid, started_at, heartbeat_at) VALUES (4, 'h', 1, 't', 't'), (5, 'h', 2, 't', 't');
                    """)
                for ticket in 1...6 {
                    try db.execute(sql: """
                        INSERT INTO tickets (id, number, received_at, channel, community_id, cause, kind)
                        VALUES (?, ?, '2026-03-01T09:00:00+08:00', 'phone', 1, 'c', 'k')
                        """, arguments: [ticket, "N-\(ticket)"])
                    try db.execute(sql: "UPDATE tickets SET claim_run = ? WHERE id = ?",
                                   arguments: [[2: 4, 5: 5, 6: 4][ticket], ticket])
                    for version in 1...(ticket % 2 + 1) {
                        try db.execute(sql: """
                            INSERT INTO decisions (ticket_id, evaluated_at, version_id, results_bytes, texts) VALUES (?, ?, ?, ?, ?)
                            """, arguments: [ticket, "2026-03-0\(ticket)T00:00:00Z", version, ticket, Data([UInt8(ticket), 7])])
                    }
                    if ticket != 3 {
                        try db.execute(sql: """
                            INSERT INTO work_orders (ticket_id, class, survey_due, repair_due, rules_version, issued_at)
                            VALUES (?, 'A', '2026-03-05', NULL, 'aa', '2026-03-01T00:00:00Z')
                            """, arguments: [ticket])
                    }
                }
            }
        }
        let rows = { (db: Database) in
            try ["decisions", "work_orders"].map { try Row.fetchAll(db, sql: "SELECT * FROM \($0) ORDER BY id") }
        }
        let before = try DatabaseQueue(path: path).read(rows)
        let store = try Store(path: path, access: .write)
        #expect(try store.read(rows) == before)
        #expect(try store.read { try Row.fetchAll($0, sql: "SELECT ticket_id, run FROM ticket_claims ORDER BY ticket_id") }
            .map { [$0["ticket_id"] as Int64, $0["run"] as Int64] } == [[2, 4], [5, 5], [6, 4]])
        #expect(try store.read { try $0.columns(in: "tickets") }.allSatisfy { $0.name != "claim_run" })
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_sequence") }
            .allSatisfy { !["decisions", "work_orders"].contains($0) })
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO decisions (ticket_id, evaluated_at, version_id, results_bytes, texts) VALUES (3, 't', 1, 1, X'00');
                INSERT INTO work_orders (ticket_id, class, rules_version, issued_at) VALUES (3, 'B', 'aa', 't');
                """)
        }
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM decisions") } == Int64(before[0].count + 1))
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT id FROM work_orders WHERE ticket_id = 3") }
            == Int64(before[1].count + 1))
        #expect(throws: DatabaseError.self) { try store.write { try $0.execute(sql: "DELETE FROM decisions") } }
        #expect(throws: DatabaseError.self) { try store.write { try $0.execute(sql: "UPDATE decisions SET results_bytes = 0") } }
        #expect(throws: DatabaseError.self) {
            try store.write { try $0.execute(sql: "INSERT INTO work_orders (ticket_id, class, rules_version, issued_at) VALUES (3, 'B', 'aa', 't')") }
        }
    }
}
