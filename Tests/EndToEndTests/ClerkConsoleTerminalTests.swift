import Foundation
import Testing
import TemporaryFolders

/// The console as a Chinese clerk uses it, through a pseudo-terminal: Chinese typed by hand, the interface in the
/// locale's language (or `--lang`), words for commands, ticket numbers alone, a new case field by field with Tab.
@Suite(.serialized, .removesTemporaryFolders) struct ClerkConsoleTerminalTests {
    let folder: String
    let home: String

    init() throws {
        folder = try Binary.sampleWorld()
        home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    private func console(_ extra: [String] = [], lang: String) throws -> Terminal {
        try Terminal(["repl"] + extra, in: folder,
                     environment: Terminal.environment(home: home, extra: ["LANG": lang, "NO_COLOR": "1"]))
    }

    @Test func inAChineseLocaleAClerkTypesChineseAndIsAnsweredInChinese() throws {
        let term = try console(lang: "zh_CN.UTF-8")
        try term.expect("ruledesk 控制台 — 输入 .help 查看帮助,Ctrl-D 退出")
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.typeByHand("帮助")
        try term.type("\r")
        try term.expect("直接输入工单号,显示其处理结论", after: mark)
        try term.expect("ruledesk> ", after: mark)

        mark = term.mark
        try term.type("KF-2026-000014\r")
        var output = try term.expect("ruledesk> ", after: mark)
        #expect(output.contains("审批人 approvers") && output.contains("副总经理(deputy_gm)") && output.contains("2026年5月14日"), "\(output)")
        #expect(output.contains("多工种维修(2 个工种:给排水、电气)"), "\(output)")

        mark = term.mark
        try term.type("ticket(KF-2026-00014)\r")
        try term.expect("没有工单 KF-2026-00014;是否指 KF-2026-000014", after: mark)

        mark = term.mark
        try term.typeByHand("新案件")
        try term.type("\r")
        try term.expect("新案件(不保存),逐项填写", after: mark)
        try term.expect("小区 community> ", after: mark)
        for (answer, next) in [("H01", "住户 household> "), ("", "登记时间 received_at> "), ("2026-02-13 16:00", "工单类别 kind> ")] {
            mark = term.mark
            try term.type(answer + "\r")
            try term.expect(next, after: mark)
        }
        mark = term.mark
        try term.typeByHand("维")
        try term.key(9)   // Tab: 维修
        try term.expectLine("工单类别 kind> 维修", cursorAt: 19)
        try term.type("\r")
        try term.expect("投诉原因 cause> ", after: mark)
        mark = term.mark
        try term.typeByHand("保修")
        try term.type("\r")
        try term.expect("维修部位 component> ", after: mark)
        mark = term.mark
        try term.typeByHand("给排水管")
        try term.type("\r")
        try term.expect("是否指 给排水管道(plumbing)?", after: mark)
        try term.expect("维修部位 component> ", after: mark)
        mark = term.mark
        try term.typeByHand("给排")
        try term.key(9)   // Tab: 给排水管道
        try term.expectLine("维修部位 component> 给排水管道", cursorAt: 30)
        try term.type("\r")
        try term.expect("工种 trades> ", after: mark)
        mark = term.mark
        try term.typeByHand("给排水 电工")
        try term.type("\r")
        try term.expect("受理渠道 channel> ", after: mark)
        for (answer, next) in [("", "预估费用(元) estimated_cost> "), ("1200", "投诉户数 households_affected> "),
                               ("", "结构或安全隐患 hazard> "), ("否", "媒体或政府介入 media> "), ("否", "特别复杂的维修 complex> ")] {
            mark = term.mark
            try term.typeByHand(answer)
            try term.type("\r")
            try term.expect(next, after: mark)
        }
        mark = term.mark
        try term.type("\r")
        output = try term.expect("ruledesk> ", after: mark)
        #expect(output.contains("案件 CASE-1(未保存"), "\(output)")
        #expect(output.contains("多工种维修(2 个工种:给排水、电气),7 个工作日内完成,最迟 2026-03-03 (3.4.5)"), "\(output)")
        #expect(output.contains("给排水管道保修期 24 个月(2 年)"), "\(output)")

        try term.typeByHand("退出")
        try term.type("\r")
        #expect(try term.wait() == 0)
    }

    @Test func theOptionOverridesTheLocaleAndCtrlCDropsANewCase() throws {
        let term = try console(["--lang", "en"], lang: "zh_CN.UTF-8")
        try term.expect("ruledesk console — .help for help, Ctrl-D to leave")
        try term.expect("ruledesk> ")
        var mark = term.mark
        try term.type(".new\r")
        try term.expect("community> ", after: mark)
        mark = term.mark
        try term.key(3)   // Ctrl-C
        try term.expect("the new case is dropped", after: mark)
        try term.expect("ruledesk> ", after: mark)
        mark = term.mark
        try term.typeByHand("case{ kind = \"维修\", component = \"给排水管\", community = \"H01\" }")
        try term.type("\r")
        try term.expect("case: component: '给排水管' is not a value of component in the rules' vocabulary; did you mean plumbing (给排水管道)?", after: mark)

        let chinese = try console(["--lang", "zh"], lang: "C.UTF-8")
        try chinese.expect("ruledesk 控制台")
        mark = chinese.mark
        try chinese.type(".frobnicate\r")
        try chinese.expect("没有命令 .frobnicate;输入 .help 查看全部命令", after: mark)
    }
}
