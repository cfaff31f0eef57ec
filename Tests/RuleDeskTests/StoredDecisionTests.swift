import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The decisions as stored (compressed, migration v10) read back as the texts a fresh evaluation writes.
@Suite(.removesTemporaryFolders) struct StoredDecisionTests {
    /// Batches `store` with the default rules in chunks of `chunk`, then checks that each ticket's stored texts are
    /// those of a fresh evaluation.
    private func expectStoredAsEvaluated(_ store: Store, chunk: Int) throws {
        let rules = try RuleSet(folder: Fixtures.root + "/rules")
        var options = BatchOptions()
        options.chunkSize = chunk
        let summary = try BatchRunner(store: store, ruleSet: rules, settings: Fixtures.shanghai, options: options).run()
        #expect(summary.failed == 0)
        let engine = try Fixtures.engine(rules, store)
        let stored = try store.read { try StoredDecision.fetchAll($0) }
        #expect(stored.count == summary.evaluated && !stored.isEmpty)
        for decision in stored {
            let ticketCase = try #require(try store.read { db in
                try Ticket.fetchOne(db, key: decision.ticketId).map { try TicketCase.load($0, from: db) }
            })
            let fresh = try engine.record(ticketCase)
            #expect(decision.texts == DecisionTexts(results: fresh.resultsJSON, trace: fresh.traceJSON),
                    "\(ticketCase.ticket.number)")
            #expect(decision.rulesVersion == rules.version)
        }
    }

    @Test func everySampleTicketReadsBackAsAFreshEvaluation() throws {
        try expectStoredAsEvaluated(try Fixtures.samples(), chunk: 7)
    }

    @Test func aGeneratedWorldReadsBackAsAFreshEvaluation() throws {
        let folder = try Fixtures.temporaryFolder()
        let world = try SyntheticWorld(tickets: 400).build(at: folder + "/world.db", settings: Fixtures.shanghai)
        try expectStoredAsEvaluated(world, chunk: 150)
        let dictionary = try world.read { try Data.fetchOne($0, sql: "SELECT dictionary FROM decision_versions") }
        #expect((dictionary?.count ?? 0) > 0 && (dictionary?.count ?? 0) <= DecisionTexts.dictionaryBytes)
    }

    @Test func aDictionaryIsTheFirstDecisionsWhileTheyFit() {
        let small = DecisionTexts(results: "{\"a\": 1}", trace: "{\"a\": []}")
        #expect(DecisionTexts.dictionary(of: [small, small]) == Data((small.results + small.trace).utf8) + Data((small.results + small.trace).utf8))
        let large = DecisionTexts(results: String(repeating: "x", count: DecisionTexts.dictionaryBytes), trace: "{}")
        #expect(DecisionTexts.dictionary(of: [large, small]).count == DecisionTexts.dictionaryBytes)
        #expect(DecisionTexts.dictionary(of: [small, large]) == Data((small.results + small.trace).utf8))
    }

    @Test func aDamagedFrameIsAnErrorNotAWrongText() throws {
        let texts = DecisionTexts(results: "{\"a\": 1}", trace: "{\"a\": [\"中文\"]}")
        let dictionary = Data("{\"a\": 2}{\"a\": []}".utf8)
        var frame = try DecisionCompressor().compress(texts, with: DecisionDictionary(dictionary))
        let reader = DecisionDecompressor(dictionary: dictionary)
        #expect(try reader.decompress(frame, resultsBytes: texts.results.utf8.count) == texts)
        frame[frame.count - 1] ^= 0xff
        #expect(throws: DecisionTextsError.self) { try reader.decompress(frame, resultsBytes: texts.results.utf8.count) }
    }

    /// A database at the schema before v10, with decisions under two versions (whose files were never kept) and
    /// deadlines: opened for writing, every decision reads back as it was written, the versions' log is as before,
    /// and the deadlines are all there.
    @Test func migrationV10KeepsEveryDecision() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/v9.db"
        let samples = try Fixtures.samples()
        let engine = try Fixtures.engine(try RuleSet(folder: Fixtures.root + "/rules"), samples)
        let cases = try samples.read { db in try Ticket.fetchAll(db).map { try TicketCase.load($0, from: db) } }
        let evaluated = try cases.map { ticketCase -> DecisionTexts in
            let recorded = try engine.record(ticketCase)
            return DecisionTexts(results: recorded.resultsJSON, trace: recorded.traceJSON)
        }
        let odd = DecisionTexts(results: "{\"r\": {\"v\": \"tab\\t \\u0001 中\"}}", trace: "{}")
        var written: [(ticket: Int64, version: String, texts: DecisionTexts)] = []
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v9: offices and the reports' dates")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO communities (id, code, name, completion_date, households_total) VALUES (1, 'C1', 'c', '2024-01-01', 1)
                    """)
                for (index, texts) in (evaluated + [odd]).enumerated() {
                    let ticket = Int64(index + 1), version = index % 3 == 2 ? "aa" + String(repeating: "0", count: 62) : "bb"
                    try db.execute(sql: """
                        INSERT INTO tickets (id, number, received_at, channel, community_id, cause, kind)
                        VALUES (?, ?, '2026-03-01T09:00:00+08:00', 'phone', 1, 'c', 'k')
                        """, arguments: [ticket, "N-\(ticket)"])
                    try db.execute(sql: """
                        INSERT INTO ticket_deadlines (ticket_id, deadline, due, event, extended) VALUES (?, 'due', '2026-04-01', 'close', ?)
                        """, arguments: [ticket, index % 2 == 0])
                    for _ in 0..<(index % 2 + 1) {
                        try db.execute(sql: """
                            INSERT INTO decisions (ticket_id, evaluated_at, rules_version, results, trace) VALUES (?, ?, ?, ?, ?)
                            """, arguments: [ticket, "2026-03-0\(index % 9 + 1)T00:00:00Z", version, texts.results, texts.trace])
                        written.append((ticket, version, texts))
                    }
                }
            }
        }
        let logBefore = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT rules_version, count(*) AS n FROM decisions GROUP BY rules_version ORDER BY 1")
                .map { "\($0["rules_version"] as String) \($0["n"] as Int)" }
        }
        let store = try Store(path: path, access: .write)
        let stored = try store.read { try StoredDecision.fetchAll($0) }
        #expect(stored.count == written.count)
        for (decision, expected) in zip(stored, written) {
            #expect(decision.ticketId == expected.ticket && decision.rulesVersion == expected.version)
            #expect(decision.texts == expected.texts, "ticket \(expected.ticket)")
        }
        let logAfter = try store.read { try RuleArchive.log(in: $0) }.map { "\($0.version) \($0.decisions)" }
        #expect(logAfter.sorted() == logBefore)
        #expect(try store.read { try RuleArchive.resolve("aa", in: $0) } == "aa" + String(repeating: "0", count: 62))
        let history = try store.read { try DecisionHistory(ticket: "N-2", in: $0) }
        #expect(history.entries.count == 2)
        #expect(throws: DatabaseError.self) { try store.write { try $0.execute(sql: "DELETE FROM decisions") } }
        let clocks = try store.read { try Row.fetchAll($0, sql: "SELECT ticket_id, due, extended FROM deadline_clocks ORDER BY ticket_id") }
        #expect(clocks.count == evaluated.count + 1 && clocks.allSatisfy { $0["due"] == "2026-04-01" })
        #expect(clocks.filter { $0["extended"] == true }.count == (evaluated.count + 2) / 2)
    }
}
