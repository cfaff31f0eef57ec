import Foundation
import LuaRuntime

extension RuleTestReport {
    /// Failures with file:line, the coverage table when asked for, and `N passed, N failed` last.
    public var text: String {
        var lines: [String] = []
        for outcome in outcomes {
            if let failure = outcome.failure {
                lines.append("FAIL \(outcome.file):\(outcome.line): \(outcome.test)")
                lines.append("     \(failure)")
            }
        }
        if let coverage {
            if !lines.isEmpty { lines.append("") }
            lines.append("coverage")
            let width = coverage.map { DisplayWidth.of($0.file) }.max() ?? 0
            for file in coverage {
                var line = "  " + DisplayWidth.pad(file.file, to: width + 2)
                    + String(format: "%5.1f%%  %d of %d lines", file.percent, file.linesRun.count, file.linesWithCode.count)
                if !file.linesNotRun.isEmpty { line += "  not run: " + Self.ranges(file.linesNotRun) }
                lines.append(line)
            }
        }
        if !lines.isEmpty { lines.append("") }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// `{"passed": N, "failed": N, "tests": [...], "coverage": {...}}`.
    public var json: String {
        let tests = outcomes.map { outcome -> LuaValue in
            var fields: [String: LuaValue] = [
                "file": .string(outcome.file), "test": .string(outcome.test), "line": .integer(Int64(outcome.line)),
                "status": .string(outcome.passed ? "passed" : "failed"),
            ]
            if let failure = outcome.failure { fields["message"] = .string(failure) }
            return .table(fields)
        }
        var members: [(String, String)] = [
            ("passed", String(passed)), ("failed", String(failed)), ("tests", JSONText.encode(.array(tests))),
        ]
        if let coverage {
            let files = coverage.map { file -> (String, String) in
                (file.file, JSONText.encode(.table([
                    "percent": .number((file.percent * 10).rounded() / 10),
                    "lines_with_code": .integer(Int64(file.linesWithCode.count)),
                    "lines_run": .array(file.linesRun.sorted().map { .integer(Int64($0)) }),
                    "lines_not_run": .array(file.linesNotRun.map { .integer(Int64($0)) }),
                ])))
            }
            members.append(("coverage", JSONText.object(files)))
        }
        return JSONText.object(members)
    }

    /// `3-5, 9, 12-14`.
    static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = [], start = lines.first, previous = lines.first
        for line in lines.dropFirst() + [Int.max] {
            if let p = previous, line == p + 1 { previous = line; continue }
            if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)-\(p)") }
            start = line
            previous = line
        }
        return parts.joined(separator: ", ")
    }
}
