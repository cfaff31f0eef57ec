import Foundation
import Testing
@testable import RuleDesk

/// The console's `find`, `sla`, `due` and `record`, driven through the library on the published default rules.
@Suite(.removesTemporaryFolders) struct ConsoleLifecycleTests {
    @Test func aClerkFindsRecordsAndSeesTheClocks() throws {
        let (store, _) = try WorkQueueTests.world()
        let console = try ConsoleSession(store: store, rules: .published, settings: Fixtures.shanghai)

        let found = console.submit("find(\"+86 138 0000 0001\")")
        #expect(found.error == nil, "\(found)")
        #expect(found.output.first?.contains("T01-1-101") == true && found.output.first?.contains("138****0001") == true)

        let recorded = console.submit("record(\"KF-2026-000101\", \"survey\", { on = \"2026-05-06\", by = \"王芳\" })")
        #expect(recorded.error == nil, "\(recorded)")
        #expect(recorded.output.first?.hasPrefix("recorded survey on 2026-05-06 for KF-2026-000101") == true)
        let sla = console.submit("sla(\"KF-2026-000101\", \"2026-05-06\")")
        #expect(sla.output.first?.contains("survey_due    2026-04-30  survey    2026-05-06  late by 1 working day") == true, "\(sla)")

        let queue = console.submit("due{ on = \"2026-05-06\", community = \"T02\" }")
        #expect(queue.output.first?.hasPrefix("due on 2026-05-06:") == true && queue.output.first?.contains("KF-2026-000103") == true)
        #expect(queue.output.first?.contains("KF-2026-000101") == false)

        #expect(console.submit("record(\"KF-2026-000101\", \"fly\")").error?.contains("'fly' is not an event") == true)
        #expect(console.submit("record(\"KF-2026-000101\", \"survey\", { colour = 1 })").error?.contains("unknown option 'colour'") == true)
        let refused = console.submit("record(\"KF-2026-000101\", \"callback\", { on = \"2026-05-06\", rating = \"satisfied\" })")
        #expect(refused.error?.contains("no completion is recorded") == true, "\(refused)")
        #expect(console.completions(for: "com", in: "record(\"KF-2026-000101\", \"com").contains("complete"))
    }

    @Test func aChineseClerksMistakesAreSaidInChinese() throws {
        let (store, _) = try WorkQueueTests.world()
        let console = try ConsoleSession(store: store, rules: .published, settings: Fixtures.shanghai, language: .zh)
        let said = { (line: String) in console.submit(line).error ?? "" }
        #expect(said("record(\"KF-2026-000101\", \"fly\")").contains("record:「fly」不是可登记的事项;可填 survey、"))
        #expect(said("record(\"KF-2026-000101\", \"survey\", { colour = 1 })")
            .contains("record:没有选项「colour」;可用的选项为 at、by、cost、note、on、rating、until"))
        #expect(said("record(\"KF-2026-000101\", \"survey\", 3)").contains("record:第三项须是一组选项"))
        #expect(said("record(\"KF-2026-000101\", \"callback\", { rating = \"happy\" })").contains("record:「happy」不是评价"))
        #expect(said("record(\"KF-2026-000101\", \"survey\", { on = \"5月6日\" })").contains("on:「5月6日」不是日期"))
        #expect(said("record()").contains("record(…) 需要工单号和事项"))
        #expect(said("sla()").contains("sla(…) 需要工单号或工单"))
        #expect(said("find()").contains("find(…) 需要电话、姓名、住户、房号或工单号"))
    }
}
