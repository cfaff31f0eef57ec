import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// `samples/rules-minimal/`, the rule set `make bench` measures the host's own cost with: it must stay what the
/// speed issue asks for, pass `ruledesk check` and decide every sample ticket.
@Suite(.removesTemporaryFolders) struct MinimalRulesTests {
    static let folder = Fixtures.root + "/samples/rules-minimal"

    @Test func passesCheckWithoutFindings() throws {
        let findings = try RuleCheck(folder: Self.folder).run()
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func fiveRulesOneOrTwoOutputsOneNeedsOneCalendarCallOneTraceLine() throws {
        let store = try Fixtures.samples()
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Self.folder), store: store, settings: Fixtures.shanghai)
        #expect(engine.rules.count == 5)
        #expect(engine.rules.allSatisfy { (1...2).contains($0.outputs.count) })
        #expect(engine.rules.map(\.needs.count).reduce(0, +) == 1)
        let sources = try engine.rules.map { try String(contentsOfFile: Self.folder + "/\($0.name).lua", encoding: .utf8) }
        #expect(sources.map { $0.components(separatedBy: "ctx.calendar:").count - 1 }.reduce(0, +) == 1)
        let cases = try store.read { db in
            try TicketCase.loadMany(ids: try Int64.fetchAll(db, sql: "SELECT id FROM tickets ORDER BY id"), from: db)
        }
        #expect(cases.count == 30)
        for ticketCase in cases {
            let decision = try engine.evaluate(ticketCase)
            #expect(decision.outcomes.flatMap(\.trace) == ["类别 \(ticketCase.ticket.kind)"])
            let due = decision.outcomes.first { $0.rule == "due" }?.results["due"]?.stringValue
            #expect(due.flatMap { LocalDate($0) } != nil, "\(ticketCase.ticket.number): due \(String(describing: due))")
        }
    }
}
