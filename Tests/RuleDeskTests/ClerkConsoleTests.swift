import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

/// The console for a clerk who is not a programmer: words for commands, ticket numbers without quotes or alone,
/// a new case asked for field by field with the rules' values completed, and values outside the vocabulary refused.
@Suite(.removesTemporaryFolders) struct ClerkConsoleTests {
    let store: Store
    let english: ConsoleSession
    let chinese: ConsoleSession

    init() throws {
        store = try Fixtures.samples()
        english = try ConsoleSession(store: store, rules: .draft(Fixtures.root + "/rules"), settings: Fixtures.shanghai)
        chinese = try ConsoleSession(store: store, rules: .draft(Fixtures.root + "/rules"), settings: Fixtures.shanghai, language: .zh)
    }

    private func decisionText(_ number: String, _ language: Language) throws -> String {
        let ticketCase = try store.read { try TicketCase.load(number: number, from: $0)! }
        return try english.engine.evaluate(ticketCase).text(english.engine.clerkLabels(in: language))
    }

    @Test func wordsStandForCommands() {
        #expect(chinese.submit("帮助").output == [ConsoleMessage.help.text(in: .zh)])
        #expect(chinese.submit(" 退出 ").quit)
        #expect(english.submit("新案件").output == [ConsoleMessage.formIntro.text(in: .en)])
    }

    @Test func aTicketNumberAloneShowsItsDecision() throws {
        #expect(chinese.submit("KF-2026-000014").output == [try decisionText("KF-2026-000014", .zh)])
        #expect(english.submit("  KF-2026-000014").output == [try decisionText("KF-2026-000014", .en)])
        #expect(chinese.submit("KF-2026-00014").error == "没有工单 KF-2026-00014;是否指 KF-2026-000014、KF-2026-000004、KF-2026-000010?")
        #expect(english.submit("x = 3").error == nil)
        #expect(english.submit("x-1").output == ["2"], "Lua that looks like a number stays Lua")
        #expect(english.submit("T = 5").error == nil)
        #expect(english.submit("eval(T-1)").error == "eval(t) expects a ticket from ticket(…) or case{…}, or a ticket number")
    }

    @Test func ticketNumbersNeedNoQuotes() throws {
        #expect(english.submit("ticket(KF-2026-000014).kind").output == ["repair"])
        #expect(english.submit("eval(KF-2026-000014).results.deadlines.repair_due").output == ["2026-05-14"])
        #expect(english.submit("ticket(\"KF-2026-000014\").kind").output == ["repair"])
        #expect(english.completions(for: "KF-2025-0", in: "ticket(KF-2025-0") == ["KF-2025-000001", "KF-2025-000002"])
    }

    @Test func aTicketsCardNamesFieldsAndValuesInChinese() throws {
        let card = try #require(chinese.submit("ticket(KF-2026-000014)").output.first).split(separator: "\n").map(String.init)
        #expect(card.contains("工种 trades                   给排水(plumbing)、电气(electrical)"), "\(card)")
        #expect(card.contains("工单类别 kind                 维修(repair)"), "\(card)")
        #expect(card.contains("电话 phone                    138****0010"), "\(card)")
        #expect(card.contains("媒体或政府介入 media          否"), "\(card)")
        let english = try #require(english.submit("ticket(KF-2026-000014)").output.first)
        #expect(english.contains("\ntrades ") && english.contains(" { \"plumbing\", \"electrical\" }\n"), "\(english)")
        #expect(!english.contains("工种"))
    }

    @Test func aCaseTakesChineseNamesAndRefusesValuesOutsideTheVocabulary() {
        #expect(english.submit("case{ kind = '维修', component = '给排水管道', community = 'H01', trades = { '给排水' } }.component").output == ["plumbing"])
        #expect(english.submit("case{ kind = 'repiar', community = 'H01' }").error
                == "case: kind: 'repiar' is not a value of kind in the rules' vocabulary; did you mean repair (维修)?")
        #expect(chinese.submit("case{ kind = 'repair', component = 'plumbng', community = 'H01' }").error
                == "案件:component:「plumbng」不在规则词表的维修部位(component)之中;是否指 给排水管道(plumbing)?")
    }

    @Test func evaluatingAStoredTicketOutsideTheVocabularySaysWhichField() throws {
        try store.write { try $0.execute(sql: "UPDATE tickets SET component = 'plumbng' WHERE number = 'KF-2026-000014'") }
        #expect(english.submit("eval(KF-2026-000014)").error
                == "ticket KF-2026-000014 has a value outside the rules' vocabulary, so it is not evaluated: component: 'plumbng' is not a value of component in the rules' vocabulary; did you mean plumbing (给排水管道)?")
        #expect(chinese.submit("KF-2026-000014").error?.hasPrefix("工单 KF-2026-000014 有规则词表之外的取值,未予评估:维修部位(component):「plumbng」") == true)
    }

    @Test func aNewCaseIsAskedForFieldByFieldAndEvaluated() throws {
        #expect(chinese.submit("新案件").output == [ConsoleMessage.formIntro.text(in: .zh)])
        #expect(chinese.prompt == "小区 community> ")
        #expect(chinese.completions(for: "H0", in: "H0") == ["H01", "H02", "H03"])
        #expect(chinese.submit("H09").error?.hasPrefix("没有小区「H09」") == true)
        #expect(chinese.prompt == "小区 community> ", "a refused answer is asked again")
        #expect(chinese.submit("H01").error == nil)
        #expect(chinese.prompt == "住户 household> ")
        #expect(chinese.completions(for: "H01-1-1-1", in: "H01-1-1-1").first == "H01-1-1-101")
        #expect(chinese.submit("").error == nil)
        #expect(chinese.prompt == "登记时间 received_at> ")
        #expect(chinese.submit("明天").error == ConsoleMessage.notATime("明天").text(in: .zh))
        #expect(chinese.submit("2026-02-13 16:00").error == nil)
        #expect(chinese.prompt == "工单类别 kind> ")
        #expect(chinese.completions(for: "维", in: "维") == ["维修"])
        #expect(chinese.completions(for: "", in: "") == ["维修", "投诉", "repair", "complaint"])
        #expect(chinese.submit("维修").error == nil)
        #expect(chinese.submit("保修").error == nil)
        #expect(chinese.prompt == "维修部位 component> ")
        #expect(chinese.submit("给排水管").error == "「给排水管」不在规则词表的维修部位(component)之中;是否指 给排水管道(plumbing)?")
        #expect(chinese.submit("给排水管道").error == nil)
        #expect(chinese.prompt == "工种 trades> ")
        #expect(chinese.completions(for: "给排水、电", in: "给排水、电") == ["给排水、电气"])
        #expect(chinese.submit("给排水、电工").error == nil)
        #expect(chinese.submit("").error == nil)              // channel: the default
        #expect(chinese.submit("1200元").error == nil)
        #expect(chinese.submit("").error == nil)              // households affected: 1
        #expect(chinese.prompt == "结构或安全隐患 hazard> ")
        #expect(chinese.completions(for: "", in: "") == ["是", "否"])
        #expect(chinese.submit("也许").error == ConsoleMessage.notYesOrNo("也许").text(in: .zh))
        #expect(chinese.submit("否").error == nil)
        #expect(chinese.submit("n").error == nil)
        let last = chinese.submit("")
        #expect(last.error == nil, "\(last)")
        #expect(last.output.first == "案件 CASE-1(未保存;输入 eval(\"CASE-1\") 可再次查看)")
        #expect(last.output.last?.contains("  · 多工种维修(2 个工种:给排水、电气),7 个工作日内完成,最迟 2026-03-03 (3.4.5)") == true,
                "\(last.output)")
        #expect(chinese.prompt == "ruledesk> ")
        #expect(chinese.submit("eval(CASE-1).results.approval.tier").output == ["2"])
        #expect(chinese.submit("case_of_1 = ticket('CASE-1')").error != nil, "a case is not a stored ticket")
    }

    @Test func ctrlCDropsTheNewCase() {
        #expect(english.submit(".new").error == nil)
        #expect(english.prompt == "community> ")
        #expect(english.isContinuing)
        #expect(english.cancelLine() == "the new case is dropped")
        #expect(english.prompt == "ruledesk> ")
        #expect(english.cancelLine() == nil)
        #expect(english.submit("1 + 1").output == ["2"])
    }
}
