import Foundation
import GRDB
import LuaRuntime

extension ConsoleSession {
    /// The meta commands, in the style of the sqlite3 shell.
    public static let metaCommands = [".help", ".new", ".rules", ".reload", ".tickets", ".format", ".quit", ".exit"]

    func meta(_ line: String) -> Reply {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case ".help": return Reply(output: [say(.help)])
        case ".quit", ".exit": return Reply(quit: true)
        case ".new": return startForm()
        case ".format":
            guard words.count == 2, let format = Format(rawValue: words[1]) else {
                return Reply(output: [say(.format(format.rawValue))], error: words.count == 1 ? nil : say(.formatUsage))
            }
            self.format = format
            return Reply(output: [say(.format(format.rawValue))])
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
                return Reply(output: [changes(from: before, to: after)])
            } catch {
                return Reply(error: say(.reloadFailed("\(error)")))
            }
        case ".tickets": return submit("tickets{}")
        default:
            return Reply(error: say(.unknownCommand(words.first ?? line)))
        }
    }

    /// What `.reload` says: files added, removed and changed, and the versions.
    func changes(from before: RuleSet, to after: RuleSet) -> String {
        guard before.version != after.version else { return say(.noChange(version: String(after.version.prefix(12)))) }
        return (["version \(before.version.prefix(12)) → \(after.version.prefix(12))"]
            + RuleSetChanges.lines(from: before, to: after)).joined(separator: "\n")
    }

    /// Result `index` of a chunk as shown in the current format: a handle as the value it stands for.
    func show(_ results: LuaResults, _ index: Int) -> String {
        let kind = results.kind(index)
        if let value = try? held(results.value(index, "handle")), value.kind == kind { return show(value) }
        return ConsoleView.show(results.displayValue(index), kind: kind, format: format,
                                recorded: engine.declared.ticketColumns.map(\.column), vocabulary: engine.vocabulary,
                                language: language)
    }

    /// A held value as shown in the current format, keys followed by their names from the rules' labels.
    func show(_ value: HeldValue) -> String {
        value.text(format: format, labels: engine.clerkLabels(in: language))
    }

    /// Words that complete `word`, the word before the cursor of `line`: a new case's values while it is asked for,
    /// meta commands at the start of a line, ticket numbers inside quotes or `ticket(`/`eval(`, a table's fields
    /// after `name.` or `name:`, globals otherwise.
    public func completions(for word: String, in line: String) -> [String] {
        if let form { return form.completions(for: word, self) }
        let before = line.dropLast(line.hasSuffix(word) ? word.count : 0)
        if before.trimmingCharacters(in: .whitespaces).isEmpty, word.hasPrefix(".") {
            return Self.metaCommands.filter { $0.hasPrefix(word) }
        }
        if let quote = before.last, quote == "\"" || quote == "'" || before.hasSuffix("ticket(") || before.hasSuffix("eval(") {
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
