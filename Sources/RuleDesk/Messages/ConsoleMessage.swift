/// What the clerk's console (`ruledesk repl`) says, besides the values it shows.
public enum ConsoleMessage: ClerkMessage {
    /// The first line at a terminal.
    case banner
    /// `.help`.
    case help
    /// A meta command the console does not know.
    case unknownCommand(String)
    /// `.format` with a word other than text or json.
    case formatUsage
    /// `.format` alone, or after a change: the format in use.
    case format(String)
    /// `.reload` failed: the error, and the rules that stay.
    case reloadFailed(String)
    /// `.reload` found the same version.
    case noChange(version: String)
    /// Ctrl-C stopped a chunk.
    case interrupted
    /// A piped script ended inside a chunk.
    case unfinishedChunk
    /// A piped script's chunk failed: its line and the error.
    case failedLine(Int, String)
    /// `ticket(…)` without a number.
    case ticketUsage
    /// No stored ticket (or case) has the number; the closest numbers.
    case noTicket(String, near: [String])
    /// `eval(…)` without a ticket, case or number.
    case evalUsage
    /// `plan(…)` without a community code.
    case planUsage
    /// A helper's date that is not one: the text, and what it was for (`plan`, `on`, `until`, `sla(number, date)`).
    case notADate(String, for: String)
    /// `record(…)` without a ticket number and an event.
    case recordUsage
    /// `record(number, event)` with an event there is not.
    case notAnEvent(String)
    /// `record`'s options that are not a table.
    case recordOptionsUsage
    /// An option `record` does not take, and those it takes.
    case unknownRecordOption(String, [String])
    /// A rating there is not.
    case notARating(String)
    /// `sla(…)` without a ticket.
    case slaUsage
    /// `find(…)` without a text to look for.
    case findUsage
    /// A rule failed while deciding: the rule and the message.
    case ruleFailed(String, String)
    /// `case` without a table.
    case caseUsage
    /// `case{…}` with a field tickets do not have; the fields there are.
    case unknownCaseField(String, [String])
    /// `case{…}` with a field whose value is refused: the field and what is wrong.
    case caseField(String, String)
    /// `tickets{…}` with a filter there is not.
    case unknownFilter(String)
    /// A handle that is not one of this console's.
    case notHeld
    /// `新案件`: how the questions work.
    case formIntro
    /// The question for one field of a new case: its name and title.
    case formPrompt(field: String, title: String)
    /// The name of a ticket field that has no vocabulary (its key when it has no Chinese name).
    case fieldTitle(String)
    /// Ctrl-C during the questions.
    case formCancelled
    /// The case made from the answers, before its decision.
    case caseMade(String)
    /// An answer was needed.
    case required
    /// No community has the code or name; the codes there are.
    case unknownCommunity(String, [String])
    /// No household of the community has the code.
    case unknownHousehold(String, community: String)
    /// Not a date or a time.
    case notATime(String)
    /// Not an amount of yuan.
    case notAnAmount(String)
    /// Not a whole number of at least 1.
    case notACount(String)
    /// Not yes or no.
    case notYesOrNo(String)

    public var texts: Bilingual {
        switch self {
        case .banner:
            Bilingual(en: "ruledesk console — .help for help, Ctrl-D to leave",
                      zh: "ruledesk 控制台 — 输入 .help 查看帮助,Ctrl-D 退出")
        case .help:
            Bilingual(en: Self.englishHelp, zh: Self.chineseHelp)
        case .unknownCommand(let word):
            Bilingual(en: "unknown command \(word); .help lists them", zh: "没有命令 \(word);输入 .help 查看全部命令")
        case .formatUsage:
            Bilingual(en: "use .format text or .format json", zh: "请输入 .format text 或 .format json")
        case .format(let name):
            Bilingual(en: "format: \(name)", zh: "显示格式:\(name)")
        case .reloadFailed(let error):
            Bilingual(en: "\(error) (the previous rules stay in use)", zh: "\(error)(仍使用原来的规则)")
        case .noChange(let version):
            Bilingual(en: "no change (version \(version))", zh: "规则没有变化(版本 \(version))")
        case .interrupted:
            Bilingual(en: "interrupted", zh: "已中断")
        case .unfinishedChunk:
            Bilingual(en: "the input ends inside an unfinished chunk", zh: "输入在一段未写完的代码中结束")
        case .failedLine(let line, let error):
            Bilingual(en: "line \(line): \(error)", zh: "第 \(line) 行:\(error)")
        case .ticketUsage:
            Bilingual(en: "ticket(\"KF-2026-000001\") expects a ticket number", zh: "ticket(…) 需要工单号,例如 ticket(KF-2026-000001)")
        case .noTicket(let number, let near):
            Bilingual(en: "no ticket \(number)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"),
                      zh: "没有工单 \(number)" + (near.isEmpty ? "" : ";是否指 \(near.joined(separator: "、"))?"))
        case .evalUsage:
            Bilingual(en: "eval(t) expects a ticket from ticket(…) or case{…}, or a ticket number",
                      zh: "eval(…) 需要 ticket(…) 或 case{…} 得到的工单,或一个工单号")
        case .planUsage:
            Bilingual(en: "plan(\"H01\") expects a community code, and optionally a date",
                      zh: "plan(…) 需要小区代码,可再加日期,例如 plan(\"H01\", \"2026-03-01\")")
        case .notADate(let text, let what):
            Bilingual(en: "\(what): '\(text)' is not a date (YYYY-MM-DD)", zh: "\(what):「\(text)」不是日期(应写作 YYYY-MM-DD)")
        case .recordUsage:
            Bilingual(en: "record(\"KF-2026-000001\", \"survey\", { on = \"2026-05-07\", by = \"Wang Fang\" }) expects a ticket number and an event",
                      zh: "record(…) 需要工单号和事项,例如 record(\"KF-2026-000001\", \"survey\", { on = \"2026-05-07\", by = \"王芳\" })")
        case .notAnEvent(let name):
            Bilingual(en: "record: '\(name)' is not an event; use \(TicketEvent.sentence(TicketEvent.allCases))",
                      zh: "record:「\(name)」不是可登记的事项;可填 \(TicketEvent.allCases.map(\.rawValue).joined(separator: "、"))")
        case .recordOptionsUsage:
            Bilingual(en: "record: the third argument is a table of options, e.g. { on = \"2026-05-07\", by = \"Wang Fang\" }",
                      zh: "record:第三项须是一组选项,例如 { on = \"2026-05-07\", by = \"王芳\" }")
        case .unknownRecordOption(let option, let known):
            Bilingual(en: "record: unknown option '\(option)'; the options are \(known.joined(separator: ", "))",
                      zh: "record:没有选项「\(option)」;可用的选项为 \(known.joined(separator: "、"))")
        case .notARating(let rating):
            Bilingual(en: "record: '\(rating)' is not a rating; use \(RevisitResult.Rating.allCases.map(\.rawValue).joined(separator: ", "))",
                      zh: "record:「\(rating)」不是评价;可填 \(RevisitResult.Rating.allCases.map(\.rawValue).joined(separator: "、"))")
        case .slaUsage:
            Bilingual(en: "sla(\"KF-2026-000001\") expects a ticket number or a ticket",
                      zh: "sla(…) 需要工单号或工单,例如 sla(\"KF-2026-000001\")")
        case .findUsage:
            Bilingual(en: "find(\"13800000010\") expects a phone, a name, a household, a room or a ticket number",
                      zh: "find(…) 需要电话、姓名、住户、房号或工单号,例如 find(\"13800000010\")")
        case .ruleFailed(let rule, let message):
            Bilingual(en: "rule '\(rule)' failed: \(message)", zh: "规则 \(rule) 出错:\(message)")
        case .caseUsage:
            Bilingual(en: "case{ kind = \"repair\", cost = 1200, component = \"plumbing\", community = \"H01\" } expects a table",
                      zh: "case{…} 需要一组字段,例如 case{ kind = \"维修\", cost = 1200, component = \"给排水管道\", community = \"H01\" }")
        case .unknownCaseField(let field, let fields):
            Bilingual(en: "case: unknown field '\(field)'; the fields are cost and \(fields.joined(separator: ", "))",
                      zh: "case:没有字段「\(field)」;可用的字段有 cost 和 \(fields.joined(separator: "、"))")
        case .caseField(let field, let problem):
            Bilingual(en: "case: \(field): \(problem)", zh: "案件:\(field):\(problem)")
        case .unknownFilter(let key):
            Bilingual(en: "tickets{…}: unknown filter '\(key)'; use status, community, kind or limit",
                      zh: "tickets{…}:没有筛选条件「\(key)」;可用 status、community、kind 或 limit")
        case .notHeld:
            Bilingual(en: "not a decision or a plan from this console", zh: "这不是本控制台得到的处理结论或回访计划")
        case .formIntro:
            Bilingual(en: "A new case, one field at a time (not stored): Enter leaves a field empty or takes its default, Tab completes the values, spaces or commas separate several trades, Ctrl-C cancels.",
                      zh: "新案件(不保存),逐项填写:直接回车表示留空或用默认值,按 Tab 补全可选的值,多个工种用空格、逗号或顿号分开,Ctrl-C 取消。")
        case .formPrompt(let field, let title):
            Bilingual(en: "\(field)> ", zh: "\(title) \(field)> ")
        case .fieldTitle(let field):
            Bilingual(en: field, zh: Self.chineseTitles[field] ?? field)
        case .formCancelled:
            Bilingual(en: "the new case is dropped", zh: "已取消新案件")
        case .caseMade(let number):
            Bilingual(en: "case \(number) (not stored; eval(\"\(number)\") shows it again)",
                      zh: "案件 \(number)(未保存;输入 eval(\"\(number)\") 可再次查看)")
        case .required:
            Bilingual(en: "a value is needed here", zh: "此项必填")
        case .unknownCommunity(let code, let known):
            Bilingual(en: "no community '\(code)'; the communities are \(known.joined(separator: ", "))",
                      zh: "没有小区「\(code)」;现有小区:\(known.joined(separator: "、"))")
        case .unknownHousehold(let code, let community):
            Bilingual(en: "no household '\(code)' in community \(community); Tab lists its households",
                      zh: "小区 \(community) 没有住户「\(code)」;按 Tab 可列出该小区的住户")
        case .notATime(let text):
            Bilingual(en: "'\(text)' is not a date or a time; write e.g. 2026-02-13 or 2026-02-13 16:00",
                      zh: "「\(text)」不是日期或时间;请写作 2026-02-13 或 2026-02-13 16:00")
        case .notAnAmount(let text):
            Bilingual(en: "'\(text)' is not an amount of yuan; write e.g. 1200 or 1000.50",
                      zh: "「\(text)」不是金额;请写作 1200 或 1000.50(单位:元)")
        case .notACount(let text):
            Bilingual(en: "'\(text)' is not a whole number of 1 or more", zh: "「\(text)」不是大于等于 1 的整数")
        case .notYesOrNo(let text):
            Bilingual(en: "'\(text)' is neither yes nor no; write y or n", zh: "「\(text)」不是「是」或「否」;请填 是 或 否")
        }
    }

    /// The Chinese names of the ticket fields the rules' vocabulary does not name (a new case's questions, a
    /// ticket's card); a field without one is shown by its key.
    private static let chineseTitles = [
        "number": "工单号", "registered_on": "登记日期", "received_at": "登记时间", "community": "小区", "household": "住户",
        "owner": "业主", "phone": "电话", "estimated_cost": "预估费用(元)", "households_affected": "投诉户数",
        "hazard": "结构或安全隐患", "media": "媒体或政府介入", "complex": "特别复杂的维修", "status": "状态",
        "survey_date": "勘察日期", "completed_at": "完工时间", "completed_on": "完工日期", "description": "情况说明",
    ]

    public static let examples: [ConsoleMessage] = [
        .banner, .help, .unknownCommand(".frobnicate"), .formatUsage, .format("json"), .reloadFailed("rules/x.lua:1: error"),
        .noChange(version: "043f5cc53789"), .interrupted, .unfinishedChunk, .failedLine(3, "no ticket KF-2026-999999"),
        .ticketUsage, .noTicket("KF-2026-00014", near: ["KF-2026-000014"]), .noTicket("X", near: []), .evalUsage, .planUsage,
        .notADate("2026-13-01", for: "plan"), .recordUsage, .notAnEvent("surveyed"), .recordOptionsUsage,
        .unknownRecordOption("colour", ["by", "on"]), .notARating("happy"), .slaUsage, .findUsage, .ruleFailed("probe", "rules/probe.lua:3: boom"), .caseUsage,
        .unknownCaseField("colour", ["kind", "cause"]), .caseField("kind", "'x' is not a value of kind"), .unknownFilter("colour"),
        .notHeld, .formIntro, .formPrompt(field: "component", title: "维修部位"), .fieldTitle("community"), .fieldTitle("hazard"),
        .formCancelled, .caseMade("CASE-1"), .required, .unknownCommunity("H09", ["H01", "H02"]),
        .unknownHousehold("H01-9-9-999", community: "H01"), .notATime("tomorrow"), .notAnAmount("lots"), .notACount("0"),
        .notYesOrNo("maybe"),
    ]

    private static let englishHelp = """
        Without Lua:
          KF-2026-000001                    a ticket number alone shows its decision
          .new                              a new case, asked for one field at a time (Tab completes the values)
        Helpers (Lua):
          ticket("KF-2026-000001")          a stored ticket (quotes may be left out)
          case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01",
                received_at = "2026-02-13 16:00" }    a case that is not stored
          eval(t)                           the decision for a ticket or case, with the reasons
          plan("H01") / plan("H01", "2026-03-01")      a community's revisit plan
          tickets{ status = "new", community = "H01" }  a short list
          find("13800000010")               an owner by phone, name, household, room or ticket number
          sla("KF-2026-000001")             a ticket's deadlines and where they stand
          due{ overdue = true, department = "cs" }     the work queue
          record("KF-2026-000001", "survey", { on = "2026-05-07", by = "Wang Fang" })   what happened
          calendar:add_workdays("2026-04-30", 3), query("SELECT …", …), print(…)
        Commands:
          .help             this text
          .new              a new case, field by field
          .rules            the rule files and the rule set's version
          .reload           read the rules again (the folder, or the version now in force) and say what changed
          .tickets          the latest tickets
          .format text|json how results are shown
          .quit             leave (or Ctrl-D)
        Typing an expression shows its value; an unfinished chunk continues on the next line (>>).
        """

    private static let chineseHelp = """
        不写 Lua 也可以:
          KF-2026-000001                    直接输入工单号,显示其处理结论
          新案件                            逐项填写一个新案件(按 Tab 补全可选的值)
          帮助 / 退出                       本帮助 / 退出控制台
        辅助函数(Lua):
          ticket("KF-2026-000001")          查看一张已登记的工单(引号可省略)
          case{ kind = "维修", cost = 1200, component = "给排水管道", community = "H01",
                received_at = "2026-02-13 16:00" }    一个不保存的案件
          eval(t)                           工单或案件的处理结论及理由
          plan("H01") / plan("H01", "2026-03-01")      小区的回访计划
          tickets{ status = "new", community = "H01" }  工单简表
          find("13800000010")               按电话、姓名、住户、房号或工单号查找业主
          sla("KF-2026-000001")             工单的各项期限及进展
          due{ overdue = true, department = "cs" }     待办队列
          record("KF-2026-000001", "survey", { on = "2026-05-07", by = "王芳" })   记录已发生的事项
          calendar:add_workdays("2026-04-30", 3), query("SELECT …", …), print(…)
        命令:
          .help             本帮助
          .new              新案件,逐项填写
          .rules            规则文件及规则版本
          .reload           重新读取规则(规则文件夹,或现行版本)并列出变化
          .tickets          最近的工单
          .format text|json 结果的显示格式
          .quit             退出(或按 Ctrl-D)
        输入表达式即显示其值;未写完的代码在下一行继续(>>)。
        """
}
