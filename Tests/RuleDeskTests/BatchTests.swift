import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct BatchTests {
    let folder: String
    let store: Store

    init() throws {
        folder = try Fixtures.temporaryFolder()
        store = try Store(path: folder + "/batch.db", access: .create)
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
    }

    private func batch(_ ruleSet: RuleSet? = nil, _ configure: (inout BatchOptions) -> Void = { _ in }) throws -> BatchSummary {
        var options = BatchOptions()
        options.chunkSize = 7
        configure(&options)
        return try BatchRunner(store: store, ruleSet: ruleSet ?? RuleSet(folder: Fixtures.root + "/rules"),
                               settings: Fixtures.shanghai, options: options).run()
    }

    private func count(_ sql: String) throws -> Int { try store.read { try Int.fetchOne($0, sql: sql) ?? 0 } }

    @Test func evaluatesEveryNewTicketOnceWithKeyResultsAndWorkOrders() throws {
        let summary = try batch()
        #expect(summary.evaluated == 30 && summary.failed == 0)
        #expect(try count("SELECT count(*) FROM tickets WHERE status = 'evaluated'") == 30)
        #expect(try count("SELECT count(*) FROM decisions") == 30)
        #expect(try count("SELECT count(*) FROM work_orders") == 18)
        #expect(try count("SELECT count(*) FROM work_orders w JOIN tickets t ON t.id = w.ticket_id WHERE t.kind <> 'repair'") == 0)
        let row = try #require(try store.read {
            try Row.fetchOne($0, sql: "SELECT * FROM tickets WHERE number = 'KF-2026-000014'")
        })
        #expect(row["department"] == "cs")
        #expect(row["survey_due"] == "2026-05-06")
        #expect(row["repair_due"] == "2026-05-14")
        #expect(row["resolve_due"] == "2026-05-14")
        #expect(row["tier"] == 2)
        #expect(row["class"] == "B")
        #expect(row["major"] == false)
        #expect(try count("SELECT count(*) FROM ticket_claims") == 0)
        #expect(try batch().evaluated == 0)
        #expect(try count("SELECT count(*) FROM decisions") == 30)
    }

    @Test func parallelDecisionsEqualSerialOnes() throws {
        _ = try batch { $0.jobs = 1 }
        let serial = try texts(in: store)
        let other = try Store(path: folder + "/other.db", access: .create)
        let importer = Importer(store: other, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
        var options = BatchOptions()
        options.jobs = 3
        options.chunkSize = 11
        _ = try BatchRunner(store: other, ruleSet: RuleSet(folder: Fixtures.root + "/rules"), settings: Fixtures.shanghai,
                            options: options).run()
        let parallel = try texts(in: other)
        #expect(serial == parallel)
    }

    @Test func onAGeneratedWorldEveryJobsCountDecidesAsOneJob() throws {
        let rules = try RuleSet(folder: Fixtures.root + "/rules")
        func decisions(jobs: Int) throws -> ([Row], [Int64: DecisionTexts]) {
            let world = try SyntheticWorld(tickets: 600).build(at: folder + "/gen-\(jobs).db", settings: Fixtures.shanghai)
            var options = BatchOptions()
            options.jobs = jobs
            options.chunkSize = 97
            let summary = try BatchRunner(store: world, ruleSet: rules, settings: Fixtures.shanghai, options: options).run()
            #expect(summary.evaluated == 600 && summary.failed == 0)
            let rows = try world.read {
                try Row.fetchAll($0, sql: """
                    SELECT t.number, t.status, w.survey_due, w.repair_due
                    FROM decisions d JOIN tickets t ON t.id = d.ticket_id LEFT JOIN work_orders w ON w.ticket_id = t.id
                    ORDER BY t.number
                    """)
            }
            return (rows, try texts(in: world))
        }
        let serial = try decisions(jobs: 1)
        #expect(serial.0.count == 600 && serial.1.count == 600)
        for jobs in [2, 5] {
            let other = try decisions(jobs: jobs)
            #expect(other.0 == serial.0 && other.1 == serial.1, "--jobs \(jobs)")
        }
    }

    @Test func aFailingRuleFailsOneTicketAndTheRestGoOn() throws {
        let rules = try Fixtures.rule("if ticket.cause == 'legal' then error('cannot decide legal cases') end return { value = 1 }")
        let summary = try batch(rules)
        #expect(summary.evaluated == 29 && summary.failed == 1)
        #expect(summary.failures.first?.number == "KF-2026-000023")
        #expect(summary.failures.first?.message.contains("probe.lua:5: cannot decide legal cases") == true, "\(summary.failures)")
        let error = try store.read { try String.fetchOne($0, sql: "SELECT error FROM tickets WHERE status = 'rule_error'") }
        #expect(error?.contains("cannot decide legal cases") == true)
        let fixed = try Fixtures.rule("return { value = 2 }")
        #expect(try batch(fixed).evaluated == 0)
        let retried = try batch(fixed) { $0.selection = .errors }
        #expect(retried.evaluated == 1 && retried.failed == 0)
        #expect(try count("SELECT count(*) FROM tickets WHERE status = 'evaluated'") == 30)
    }

    @Test func reevaluateAppendsUnderTheNewVersionOnceAndKeepsHistory() throws {
        _ = try batch()
        let open = try count("SELECT count(*) FROM tickets WHERE closed_on IS NULL")
        let changed = try Fixtures.rule("return { value = 3 }")
        #expect(try batch(changed) { $0.selection = .reevaluate }.evaluated == open)
        #expect(try batch(changed) { $0.selection = .reevaluate }.evaluated == 0)
        #expect(try count("SELECT count(*) FROM decisions") == 30 + open)
        #expect(try count("SELECT count(DISTINCT version_id) FROM decisions") == 2)
    }

    @Test func dryRunWritesNothingAndLimitStops() throws {
        let dry = try batch { $0.dryRun = true }
        #expect(dry.evaluated == 30 && dry.dryRun)
        #expect(try count("SELECT count(*) FROM decisions") == 0)
        #expect(try count("SELECT count(*) FROM batch_runs") == 0)
        #expect(try batch { $0.limit = 10 }.evaluated == 10)
        #expect(try count("SELECT count(*) FROM tickets WHERE status = 'new'") == 20)
    }

    @Test func claimsOfADeadRunAreTakenAgain() throws {
        // A run that died (its pid is gone) still holds every new ticket.
        try store.write { db in
            try db.execute(sql: "INSERT INTO batch_runs (host, pid, started_at, heartbeat_at) VALUES (?, 999999, 'x', 'x')",
                           arguments: [BatchRun.host])
            try db.execute(sql: "INSERT INTO ticket_claims (ticket_id, run) SELECT id, ? FROM tickets", arguments: [db.lastInsertedRowID])
        }
        #expect(try batch().evaluated == 30)
        #expect(try count("SELECT count(*) FROM batch_runs WHERE outcome = 'abandoned'") == 1)
    }

    @Test func aReusedPidDoesNotKeepADeadRunsClaims() throws {
        // The dead run's pid now belongs to a live process (this one), started at another time.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO batch_runs (host, pid, process_start, started_at, heartbeat_at) VALUES (?, ?, '1', 'x', ?)
                """, arguments: [BatchRun.host, Int(getpid()), Timestamp.nowText()])
            try db.execute(sql: "INSERT INTO ticket_claims (ticket_id, run) SELECT id, ? FROM tickets", arguments: [db.lastInsertedRowID])
        }
        #expect(BatchRun.processStart(getpid()) != nil)
        #expect(try batch().evaluated == 30)
    }

    @Test func aFullDiskIsAClearErrorAndNoChunkIsHalfWritten() throws {
        try store.write { try RuleArchive.remember(try RuleSet(folder: Fixtures.root + "/rules"), in: $0) }
        try store.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 3)")
        }
        do {
            _ = try batch()
            Issue.record("the batch did not fail")
        } catch let error as BatchError {
            #expect(error.description.hasPrefix("the disk is full"), "\(error)")
        }
        let evaluated = try count("SELECT count(*) FROM tickets WHERE status = 'evaluated'")
        #expect(evaluated % 7 == 0)
        #expect(try count("SELECT count(*) FROM decisions") == evaluated)
        #expect(try count("SELECT count(*) FROM tickets t JOIN ticket_claims c ON c.ticket_id = t.id WHERE t.status = 'evaluated'") == 0)
    }

    /// Each decided ticket's stored results and trace, by ticket id.
    private func texts(in store: Store) throws -> [Int64: DecisionTexts] {
        try store.read { db in
            Dictionary(try StoredDecision.fetchAll(db).map { ($0.ticketId, $0.texts) }, uniquingKeysWith: { $1 })
        }
    }
}
