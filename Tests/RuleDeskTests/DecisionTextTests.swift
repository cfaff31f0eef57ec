import Testing
@testable import RuleDesk

/// A decision as a clerk reads it: in English keys with their names; in Chinese each output by its Chinese name
/// from the rules, names before keys, dates as 2026年5月14日 and booleans as 是 or 否.
@Suite struct DecisionTextTests {
    let engine: RuleEngine
    let decision: Decision

    init() throws {
        let store = try Fixtures.samples()
        engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
        decision = try engine.evaluate(try store.read { try TicketCase.load(number: "KF-2026-000014", from: $0)! })
    }

    @Test func englishShowsKeysWithTheirNames() {
        let lines = decision.text(engine.clerkLabels(in: .en)).split(separator: "\n").map(String.init)
        #expect(lines.contains("  approvers             deputy_gm (副总经理)"))
        #expect(lines.contains("  repair_due     2026-05-14"))
        #expect(lines.contains("  major            false"))
    }

    @Test func chineseShowsTheRulesNamesOfOutputsDatesAndBooleans() {
        let lines = decision.text(engine.clerkLabels(in: .zh)).split(separator: "\n").map(String.init)
        #expect(lines.contains("  审批人 approvers                       副总经理(deputy_gm)"), "\(lines)")
        #expect(lines.contains("  维修期限 repair_due       2026年5月14日"), "\(lines)")
        #expect(lines.contains("  重大投诉 major                否"), "\(lines)")
        #expect(lines.contains("  上报 notify                   —"), "\(lines)")
    }

    @Test func everyOutputOfTheDefaultRulesHasAChineseName() {
        for rule in engine.rules {
            #expect(Set(rule.declarations.outputNames.keys) == Set(rule.outputs.keys), "\(rule.path)")
        }
    }
}
