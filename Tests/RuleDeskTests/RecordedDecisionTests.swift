import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The batch writes decisions with a C encoder; `eval --format json` with Swift. They must agree to the byte.
@Suite(.removesTemporaryFolders) struct RecordedDecisionTests {
    @Test func theBatchRecordsTheSameBytesAsEvalPrints() throws {
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
        let cases = try store.read { db in try Ticket.fetchAll(db).map { try TicketCase.load($0, from: db) } }
        #expect(cases.count == 30)
        for ticketCase in cases {
            let decision = try engine.evaluate(ticketCase)
            let recorded = try engine.record(ticketCase, keys: KeyResults.keys)
            #expect(recorded.resultsJSON == decision.resultsJSON, "\(ticketCase.ticket.number)")
            #expect(recorded.traceJSON == decision.traceJSON, "\(ticketCase.ticket.number)")
            #expect(recorded.keys[KeyResults.classIndex] == (decision.results(of: "warranty")?["class"] ?? .nil))
        }
    }

    @Test func floatsAndEscapesAgree() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.rule(#"return { value = { 0.1, 1000.01, 1e20, 800.0, -2.5e-7, "tab\there \"q\" \u{1} 中" } }"#)
        let engine = try Fixtures.engine(rules, store)
        let ticketCase = try Fixtures.ticket(store, [:])
        let decision = try engine.evaluate(ticketCase)
        let recorded = try engine.record(ticketCase, keys: [])
        #expect(recorded.resultsJSON == decision.resultsJSON)
        #expect(recorded.resultsJSON.contains(#"[0.1, 1000.01, 1e+20, 800.0, -2.5e-07, "tab\there \"q\" \u0001 中"]"#), "\(recorded.resultsJSON)")
    }
}
