import Foundation
import LuaRuntime

extension DiffReport {
    /// For people: a headline (how many tickets fail under the new rules first, when any do), then one line
    /// per change, `approval.tier: 1→2 on 132 of 10,412 tickets (e.g. …)`.
    public var text: String {
        var counts = ["\(Self.count(ticketsChanged)) of \(Self.count(tickets)) tickets change"]
        if !failures.isEmpty { counts.insert("\(Self.count(failures.count)) of \(Self.count(tickets)) tickets fail", at: 0) }
        var lines = ["\(currentFolder) (\(currentVersion.prefix(12))) → \(proposedFolder) (\(proposedVersion.prefix(12))): "
            + counts.joined(separator: ", ")]
        for change in sortedChanges {
            lines.append("\(change.rule).\(change.field): \(change.from)→\(change.to) on \(Self.count(change.tickets)) of "
                + "\(Self.count(tickets)) tickets (e.g. \(change.examples.joined(separator: ", ")))")
        }
        if !failures.isEmpty {
            lines.append("")
            lines.append("\(failures.count) ticket\(failures.count == 1 ? "" : "s") fail under \(proposedFolder):")
            lines += failures.map { "  \($0.ticket): \($0.message)" }
        }
        if !failuresBefore.isEmpty {
            lines.append("")
            lines.append("\(failuresBefore.count) ticket\(failuresBefore.count == 1 ? "" : "s") fail under \(currentFolder):")
            lines += failuresBefore.map { "  \($0.ticket): \($0.message)" }
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object.
    public var json: String {
        func failureList(_ list: [Failure]) -> LuaValue {
            .array(list.map { .table(["ticket": .string($0.ticket), "message": .string($0.message)]) })
        }
        return JSONText.object([
            ("current", JSONText.encode(["rules": .string(currentFolder), "version": .string(currentVersion)])),
            ("proposed", JSONText.encode(["rules": .string(proposedFolder), "version": .string(proposedVersion)])),
            ("tickets", String(tickets)),
            ("tickets_changed", String(ticketsChanged)),
            ("tickets_failing", String(failures.count)),
            ("changes", JSONText.encode(.array(sortedChanges.map { change in
                .table(["rule": .string(change.rule), "field": .string(change.field), "from": .string(change.from),
                        "to": .string(change.to), "tickets": .integer(Int64(change.tickets)),
                        "examples": .array(change.examples.map(LuaValue.string))])
            }))),
            ("failures", JSONText.encode(failureList(failures))),
            ("failures_before", JSONText.encode(failureList(failuresBefore))),
        ])
    }

    /// One row per change: `rule,field,from,to,tickets,examples`; failures as rows with field `(fails)`.
    public var csv: String {
        var rows = ["rule,field,from,to,tickets,examples"]
        for change in sortedChanges {
            rows.append([change.rule, change.field, change.from, change.to, String(change.tickets),
                         change.examples.joined(separator: " ")].map(CSVText.field).joined(separator: ","))
        }
        for failure in failures {
            rows.append(["", "(fails)", "", failure.message, "1", failure.ticket].map(CSVText.field).joined(separator: ","))
        }
        return rows.joined(separator: "\n")
    }

    /// 10412 → `10,412`.
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
