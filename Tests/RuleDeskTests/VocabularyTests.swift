import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The rules' vocabulary (`rules/lib/vocabulary.lua`): read through the sandbox, checked at the door (import, a
/// console's case, a stored ticket's evaluation), Chinese names and other spellings stored as keys.
@Suite(.removesTemporaryFolders) struct VocabularyTests {
    let vocabulary: Vocabulary

    init() throws {
        vocabulary = try Vocabulary(ruleSet: RuleSet(folder: Fixtures.root + "/rules"))
    }

    @Test func theDefaultRulesDeclareTheTicketFieldsTheyRead() throws {
        #expect(vocabulary.fields.keys.sorted() == ["cause", "channel", "component", "kind", "trades"])
        let kind = try #require(vocabulary.fields["kind"])
        #expect(kind.title == "工单类别")
        #expect(kind.terms.map(\.key) == ["repair", "complaint"])
        #expect(vocabulary.fields["trades"]?.term(for: "plumbing")?.name == "给排水")
        #expect(vocabulary.fields["component"]?.term(for: "plumbing")?.name == "给排水管道")
        let engine = try Fixtures.engine(RuleSet(folder: Fixtures.root + "/rules"), try Store())
        #expect(engine.vocabulary == vocabulary)
    }

    @Test func keysChineseNamesAndOtherSpellingsStandForTheirKey() throws {
        #expect(try vocabulary.normalise("repair", field: "kind") == "repair")
        #expect(try vocabulary.normalise("维修", field: "kind") == "repair")
        #expect(try vocabulary.normalise("报修", field: "kind") == "repair")
        #expect(try vocabulary.normalise("Repair", field: "kind") == "repair")
        #expect(try vocabulary.normalise("给排水管道", field: "component") == "plumbing")
        #expect(try vocabulary.normalise("quality", field: "cause") == "construction")
        #expect(try ["给排水", "电工"].map { try vocabulary.normalise($0, field: "trades") } == ["plumbing", "electrical"])
        #expect(try vocabulary.normalise("anything at all", field: "description") == "anything at all")
    }

    @Test(arguments: [
        ("kind", "repiar", ["repair"]), ("component", "plumbng", ["plumbing"]), ("component", "给排水管", ["plumbing"]),
        ("cause", "desgin", ["design"]), ("trades", "electric", ["electrical"]), ("kind", "xyz", []),
    ])
    func aValueOutsideTheVocabularyIsRefusedWithTheNearest(field: String, value: String, nearest: [String]) {
        #expect {
            try vocabulary.normalise(value, field: field)
        } throws: { error in
            (error as? VocabularyError)?.nearest.map(\.key) == nearest
        }
    }

    @Test func theRefusalSaysWhatToWriteInEitherLanguage() throws {
        let error = try #require(throws: VocabularyError.self) { try vocabulary.normalise("plumbng", field: "component") }
        #expect(error.text(in: .en) == "'plumbng' is not a value of component in the rules' vocabulary; did you mean plumbing (给排水管道)?")
        #expect(error.text(in: .zh) == "「plumbng」不在规则词表的维修部位(component)之中;是否指 给排水管道(plumbing)?")
        let far = try #require(throws: VocabularyError.self) { try vocabulary.normalise("xyz", field: "kind") }
        #expect(far.text(in: .en) == "'xyz' is not a value of kind in the rules' vocabulary; write one of: repair (维修), complaint (投诉)")
        #expect(far.text(in: .zh) == "「xyz」不在规则词表的工单类别(kind)之中;可填:维修(repair)、投诉(complaint)")
    }

    @Test(arguments: [
        ("{ knd = { name = '类别', values = { { key = 'a', name = '甲' } } } }", "`fields.knd`: a vocabulary lists the values of channel, cause, kind, component, trades, not of 'knd'"),
        ("{ kind = { values = { { key = 'a', name = '甲' } } } }", "`fields.kind.name` must be the field's Chinese name"),
        ("{ kind = { name = '类别', values = {} } }", "`fields.kind.values` must list the field's values"),
        ("{ kind = { name = '类别', values = { { key = 'a' } } } }", "`fields.kind.values[1]` must have a key and a Chinese name"),
        ("{ kind = { name = '类别', values = { { key = 'a', name = '甲', also = 'x' } } } }", "`fields.kind.values[1].also` must be a list"),
        ("{ kind = { name = '类别', values = { { key = 'a', name = '甲' }, { key = 'b', name = '甲' } } } }", "`fields.kind`: '甲' stands for both a and b"),
        ("{ kind = { name = '类别', values = { { key = 'a', name = '甲' }, { key = 'a', name = '乙' } } } }", "the key 'a' is listed twice"),
        ("nil", "`fields` must list each ticket field's values"),
    ])
    func aBrokenVocabularyIsRefusedNamingItsFileAndPlace(fields: String, problem: String) throws {
        let ruleSet = try Fixtures.ruleSet([
            "probe.lua": "return { name = 'probe', outputs = { x = 'any' }, evaluate = function() return {} end }",
            "lib/vocabulary.lua": "return { fields = \(fields) }",
        ])
        #expect {
            try Vocabulary(ruleSet: ruleSet)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("rules/lib/vocabulary.lua: ") && text.contains(problem)
        }
        #expect(throws: RuleSetError.self) { try Fixtures.engine(ruleSet, try Store()) }
    }

    @Test func aRuleSetWithoutAVocabularyTakesValuesAsWritten() throws {
        let ruleSet = try Fixtures.rule("return { value = ticket.kind }")
        #expect(try Vocabulary(ruleSet: ruleSet) == .none)
        let store = try Fixtures.store()
        let ticketCase = try Fixtures.ticket(store, ["kind": "repiar"])
        #expect(try Fixtures.engine(ruleSet, store).evaluate(ticketCase).results(of: "probe")?["value"] == .string("repiar"))
    }

    @Test func importStoresKeysAndRefusesTheWholeFileOnAValueOutside() throws {
        let store = try Fixtures.store()
        var importer = Importer(store: store, settings: Fixtures.shanghai)
        importer.vocabulary = vocabulary
        let folder = try Fixtures.temporaryFolder()
        let header = ImportKind.tickets.columns.joined(separator: ",")
        let row = { (kind: String, component: String, trades: String) in
            ",2026-03-02T10:00:00+08:00,客服热线,T01,,保修,\(kind),\(component),\(trades),false,800,1,false,false,,,漏水"
        }
        try Fixtures.write([header, row("维修", "给排水管道", "给排水|电工")].joined(separator: "\n"), to: folder + "/good.csv")
        try importer.run(.tickets, file: folder + "/good.csv")
        let ticket = try #require(try store.read { try Ticket.fetchOne($0) })
        #expect([ticket.channel, ticket.cause, ticket.kind, ticket.component, ticket.trades]
                == ["hotline", "warranty", "repair", "plumbing", "plumbing|electrical"])

        try Fixtures.write([header, row("repair", "plumbing", ""), row("repiar", "plumbing", "")].joined(separator: "\n"),
                           to: folder + "/bad.csv")
        let error = try #require(throws: ImportFailure.self) { try importer.run(.tickets, file: folder + "/bad.csv") }
        #expect(error.lines() == ["\(folder)/bad.csv:3: kind: 'repiar' is not a value of kind in the rules' vocabulary; did you mean repair (维修)?"])
        #expect(try store.read { try Ticket.fetchCount($0) } == 1)

        try Fixtures.write([header, row("repair", "plumbng", "")].joined(separator: "\n"), to: folder + "/typo.csv")
        let chinese = try #require(throws: ImportFailure.self) { try importer.run(.tickets, file: folder + "/typo.csv") }
        #expect(chinese.errors.first?.problem.text(in: .zh) == "「plumbng」不在规则词表的维修部位(component)之中;是否指 给排水管道(plumbing)?")
        #expect(chinese.errors.first?.column == "component" && chinese.errors.first?.line == 2)
    }

    @Test func aStoredTicketOutsideTheVocabularyNamesItsField() throws {
        let store = try Fixtures.store()
        let ticketCase = try Fixtures.ticket(store, ["component": "plumbing"])
        #expect(throws: Never.self) { try vocabulary.check(ticketCase.ticket) }
        var stored = ticketCase.ticket
        stored.trades = "plumbing|plumbng"
        let error = try #require(throws: VocabularyError.self) { try vocabulary.check(stored) }
        #expect(error.field.name == "trades" && error.value == "plumbng")
        stored.trades = ""
        stored.kind = "维修"   // stored as written before the rules had a vocabulary: the rules compare with keys
        #expect(VocabularyMessage.storedTicket(stored.number, try #require(throws: VocabularyError.self) { try vocabulary.check(stored) })
            .text(in: .en).hasSuffix("so it is not evaluated: kind: '维修' is not a value of kind in the rules' vocabulary; did you mean repair (维修)?"))
    }

    @Test func theSamplesAndTheSyntheticWorldStayInsideTheVocabulary() throws {
        let samples = try Fixtures.samples()
        let folder = try Fixtures.temporaryFolder()
        let generated = try SyntheticWorld(tickets: 500).build(at: folder + "/gen.db", settings: Fixtures.shanghai)
        for store in [samples, generated] {
            let tickets = try store.read { try Ticket.fetchAll($0) }
            #expect(!tickets.isEmpty)
            for ticket in tickets {
                #expect(throws: Never.self, "\(ticket.number)") { try vocabulary.check(ticket) }
            }
        }
    }
}
