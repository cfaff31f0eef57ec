import Foundation
import GRDB
import LuaRuntime

extension ConsoleSession {
    /// The meta commands, in the style of the sqlite3 shell.
    public static let metaCommands = [".help", ".rules", ".reload", ".tickets", ".format", ".quit", ".exit"]

    static let help = """
        Helpers (Lua):
          ticket("KF-2026-000001")          a stored ticket
          case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01",
                received_at = "2026-02-13 16:00" }    a case that is not stored
          eval(t)                           the decision for a ticket or case, with the reasons
          plan("H01") / plan("H01", "2026-03-01")      a community's revisit plan
          tickets{ status = "new", community = "H01" }  a short list
          find("13800000010")               an owner by phone, name, household, room or ticket number
          sla("KF-2026-000001")             a ticket's deadlines and where they stand
          due{ overdue = true, department = "cs" }     the work queue
          record("KF-2026-000001", "survey", { on = "2026-05-07", by = "王芳" })   what happened
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

    func meta(_ line: String) -> Reply {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case ".help": return Reply(output: [Self.help])
        case ".quit", ".exit": return Reply(quit: true)
        case ".format":
            guard words.count == 2, let format = Format(rawValue: words[1]) else {
                return Reply(output: ["format: \(format.rawValue)"], error: words.count == 1 ? nil : "use .format text or .format json")
            }
            self.format = format
            return Reply(output: ["format: \(format.rawValue)"])
        case ".rules":
            let ruleSet = engine.ruleSet
            let lines = ruleSet.files.map { file in
                "  \(file.path)  \(file.source.split(separator: "\n", omittingEmptySubsequences: false).count) lines"
            }
            let draft = (try? rules.draftLine(ruleSet, store: store)).flatMap { $0 }
            return Reply(output: ["rules \(ruleSet.folder), version \(ruleSet.version)"] + (draft.map { [$0] } ?? []) + lines)
        case ".reload":
            let before = engine.ruleSet
            do {
                let after = try reloadEngine().ruleSet
                return Reply(output: [Self.changes(from: before, to: after)])
            } catch {
                return Reply(error: "\(error) (the previous rules stay in use)")
            }
        case ".tickets": return submit("tickets{}")
        default:
            return Reply(error: "unknown command \(words.first ?? line); .help lists them")
        }
    }

    /// What `.reload` says: files added, removed and changed, and the versions.
    static func changes(from before: RuleSet, to after: RuleSet) -> String {
        guard before.version != after.version else { return "no change (version \(after.version.prefix(12)))" }
        return (["version \(before.version.prefix(12)) → \(after.version.prefix(12))"]
            + RuleSetChanges.lines(from: before, to: after)).joined(separator: "\n")
    }

    /// Result `index` of a chunk as shown in the current format: a handle as the value it stands for.
    func show(_ results: LuaResults, _ index: Int) -> String {
        let kind = results.kind(index)
        if let value = try? held(results.value(index, "handle")), value.kind == kind { return show(value) }
        return ConsoleView.show(results.displayValue(index), kind: kind, format: format,
                                recorded: engine.declared.ticketColumns.map(\.column))
    }

    /// A held value as shown in the current format, keys followed by their names from the rules' labels.
    func show(_ value: HeldValue) -> String {
        value.text(format: format, labels: engine.labels)
    }

    /// Words that complete `word`, the word before the cursor of `line`: meta commands at the start of a line,
    /// ticket numbers inside quotes, a table's fields after `name.` or `name:`, globals otherwise.
    public func completions(for word: String, in line: String) -> [String] {
        let before = line.dropLast(line.hasSuffix(word) ? word.count : 0)
        if before.trimmingCharacters(in: .whitespaces).isEmpty, word.hasPrefix(".") {
            return Self.metaCommands.filter { $0.hasPrefix(word) }
        }
        if let quote = before.last, quote == "\"" || quote == "'" {
            let stored = (try? store.read {
                try String.fetchAll($0, sql: "SELECT number FROM tickets WHERE number LIKE ? ESCAPE '\\' ORDER BY number LIMIT 50",
                                    arguments: [word.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"])
            }) ?? []
            let events = before.contains("record(") ? TicketEvent.allCases.map(\.rawValue).filter { $0.hasPrefix(word) } : []
            return events + stored + cases.keys.filter { $0.hasPrefix(word) }.sorted()
        }
        if let separator = word.lastIndex(where: { $0 == "." || $0 == ":" }) {
            let path = String(word[..<separator]), partial = word[word.index(after: separator)...]
            return fieldNames(of: path).filter { $0.hasPrefix(partial) }.map { path + String(word[separator]) + $0 }
        }
        return globalNames().filter { $0.hasPrefix(word) && !$0.hasPrefix("_") || ($0 == "_G" && word.hasPrefix("_")) }
    }
}
