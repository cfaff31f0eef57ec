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
        }
    }

    public static let examples: [ConsoleMessage] = [
        .banner, .help, .unknownCommand(".frobnicate"), .formatUsage, .format("json"), .reloadFailed("rules/x.lua:1: error"),
        .noChange(version: "043f5cc53789"), .interrupted, .unfinishedChunk, .failedLine(3, "no ticket KF-2026-999999"),
    ]

    private static let englishHelp = """
        Helpers (Lua):
          ticket("KF-2026-000001")          a stored ticket
          case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01",
                received_at = "2026-02-13 16:00" }    a case that is not stored
          eval(t)                           the decision for a ticket or case, with the reasons
          plan("H01") / plan("H01", "2026-03-01")      a community's revisit plan
          tickets{ status = "new", community = "H01" }  a short list
          calendar:add_workdays("2026-04-30", 3), query("SELECT …", …), print(…)
        Commands:
          .help             this text
          .rules            the rule files and the rule set's version
          .reload           read the rules again (the folder, or the version now in force) and say what changed
          .tickets          the latest tickets
          .format text|json how results are shown
          .quit             leave (or Ctrl-D)
        Typing an expression shows its value; an unfinished chunk continues on the next line (>>).
        """

    private static let chineseHelp = """
        辅助函数(Lua):
          ticket("KF-2026-000001")          查看一张已登记的工单
          case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01",
                received_at = "2026-02-13 16:00" }    一个不保存的案件
          eval(t)                           工单或案件的处理结论及理由
          plan("H01") / plan("H01", "2026-03-01")      小区的回访计划
          tickets{ status = "new", community = "H01" }  工单简表
          calendar:add_workdays("2026-04-30", 3), query("SELECT …", …), print(…)
        命令:
          .help             本帮助
          .rules            规则文件及规则版本
          .reload           重新读取规则(规则文件夹,或现行版本)并列出变化
          .tickets          最近的工单
          .format text|json 结果的显示格式
          .quit             退出(或按 Ctrl-D)
        输入表达式即显示其值;未写完的代码在下一行继续(>>)。
        """
}
