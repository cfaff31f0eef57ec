import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The default rules' trace lines are Chinese sentences: they name values by the vocabulary's Chinese names, never by
/// English keys (`2 个工种:给排水、电气`, not `plumbing、electrical`), on every sample ticket, a generated world and
/// every community's revisit plan.
@Suite(.removesTemporaryFolders) struct TraceLanguageTests {
    /// A word of lowercase ASCII letters: a key, where a Chinese name belongs.
    static let englishWord = try! NSRegularExpression(pattern: "[a-z][a-z_]+")

    private func englishIn(_ lines: [String]) -> [String] {
        lines.filter { Self.englishWord.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
    }

    @Test func ticketTracesNameValuesInChinese() throws {
        let folder = try Fixtures.temporaryFolder()
        let generated = try SyntheticWorld(tickets: 400).build(at: folder + "/gen.db", settings: Fixtures.shanghai)
        for store in [try Fixtures.samples(), generated] {
            let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
            let cases = try store.read { db in try Ticket.fetchAll(db).map { try TicketCase.load($0, from: db) } }
            for ticketCase in cases {
                let lines = try engine.evaluate(ticketCase).outcomes.flatMap(\.trace)
                #expect(englishIn(lines).isEmpty, "\(ticketCase.ticket.number): \(englishIn(lines))")
            }
        }
    }

    @Test func planTracesAreChinese() throws {
        let store = try Fixtures.samples()
        try Importer(store: store, settings: Fixtures.shanghai).run(.revisits, file: Fixtures.root + "/samples/revisits.csv")
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
        let planner = try RevisitPlanner(engine: engine, store: store)
        for community in try store.read({ try Community.fetchAll($0) }) {
            for on in ["2026-03-01", "2026-04-01", "2027-06-01"] {
                let plan = try planner.plan(community, on: LocalDate(on)!)
                #expect(englishIn(plan.trace).isEmpty, "\(community.code) \(on): \(englishIn(plan.trace))")
            }
        }
    }
}
