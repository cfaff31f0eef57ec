import Foundation
import GRDB
import LuaRuntime
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
            let recorded = try engine.record(ticketCase)
            #expect(recorded.resultsJSON == decision.resultsJSON, "\(ticketCase.ticket.number)")
            #expect(recorded.traceJSON == decision.traceJSON, "\(ticketCase.ticket.number)")
            for (index, key) in engine.declared.keys.enumerated() {
                #expect(recorded.keys[index] == (decision.results(of: key.rule)?[key.field] ?? .nil), "\(key)")
            }
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

    /// The C encoder skips text 8 bytes at a time until a character needs escaping: every such character, at every
    /// place in and across those 8 bytes, among ASCII and Chinese text, must come out as the Swift encoder writes it.
    @Test func escapesAgreeWhereverTheyFall() throws {
        let store = try Fixtures.store()
        let texts = ["\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", " ", "~", "中", "\u{7F}"].flatMap { special in
            (0..<18).flatMap { offset in
                ["abcdefghijklmnopqrstuvwxyz", "给排水管道漏水报修"].map { filler in
                    let before = String(String(repeating: filler, count: 2).unicodeScalars.prefix(offset))
                    return before + special + "xyz" + special + filler
                }
            }
        }
        let list = texts.map { "\"" + $0.unicodeScalars.map { String(format: "\\u{%X}", $0.value) }.joined() + "\"" }
        let rules = try Fixtures.rule("return { value = { \(list.joined(separator: ", ")) } }")
        let engine = try Fixtures.engine(rules, store)
        let ticketCase = try Fixtures.ticket(store, [:])
        let recorded = try engine.record(ticketCase, keys: [])
        #expect(recorded.resultsJSON == (try engine.evaluate(ticketCase)).resultsJSON)
        #expect(recorded.resultsJSON.contains(JSONText.encode(.array(texts.map(LuaValue.string)))))
    }
}
