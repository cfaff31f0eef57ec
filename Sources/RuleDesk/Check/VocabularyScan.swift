import Foundation

/// Finds comparisons of a ticket field with a value its vocabulary does not list, where the source shows the
/// value: `ticket.kind == "repiar"`, `"repiar" ~= ticket.kind`, or `ticket.kind ~= REPAIR` after
/// `local REPAIR = "repiar"` in the same file. Such a comparison never holds (or always does), since imports
/// store only the vocabulary's keys.
enum VocabularyScan {
    private static let literal = #"("[^"\n]*"|'[^'\n]*')"#
    private static let operand = #"([A-Za-z_][A-Za-z0-9_]*|"[^"\n]*"|'[^'\n]*')"#
    private static let fieldFirst = try! NSRegularExpression(pattern: #"\bticket\.([a-z_]+)\s*(?:==|~=)\s*"# + operand)
    private static let fieldLast = try! NSRegularExpression(pattern: operand + #"\s*(?:==|~=)\s*ticket\.([a-z_]+)\b"#)
    private static let constant = try! NSRegularExpression(pattern: #"^\s*local\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"# + literal + #"\s*(?:--.*)?$"#)

    /// A finding for each such comparison in `source`.
    static func findings(in source: String, file: String, vocabulary: Vocabulary) -> [RuleCheck.Finding] {
        let lines = source.components(separatedBy: "\n").map(Self.code)
        var constants: [String: String] = [:]
        for line in lines {
            if let match = constant.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) {
                constants[text(line, match, 1)] = unquoted(text(line, match, 2))
            }
        }
        var findings: [RuleCheck.Finding] = []
        for (index, line) in lines.enumerated() {
            let range = NSRange(line.startIndex..., in: line)
            let compared = fieldFirst.matches(in: line, range: range).map { (text(line, $0, 1), text(line, $0, 2), $0.range(at: 1)) }
                + fieldLast.matches(in: line, range: range).map { (text(line, $0, 2), text(line, $0, 1), $0.range(at: 2)) }
            for (fieldName, other, at) in compared {
                guard let field = vocabulary.fields[fieldName],
                      let value = other.first == "\"" || other.first == "'" ? unquoted(other) : constants[other],
                      !field.terms.contains(where: { $0.key == value }) else { continue }
                let error = VocabularyError(field: field, value: value)
                let named = other == value || other.first == "\"" || other.first == "'" ? "" : " (\(other))"
                findings.append(RuleCheck.Finding(
                    file: file, line: index + 1, column: at.location - 6, code: nil,
                    message: "ticket.\(fieldName) is compared with a value\(named) that imports never store: "
                        + error.text(in: .en) + " (\(RuleSet.modulesFolder)/\(Vocabulary.moduleName).lua)",
                    isError: true))
            }
        }
        return findings
    }

    /// The line without its comment (`--` outside a string).
    private static func code(_ line: String) -> String {
        var quote: Character?, previous: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open, previous != "\\" { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "-", previous == "-" {
                return String(line[..<line.index(before: index)])
            }
            previous = character
        }
        return line
    }

    private static func text(_ line: String, _ match: NSTextCheckingResult, _ group: Int) -> String {
        Range(match.range(at: group), in: line).map { String(line[$0]) } ?? ""
    }

    private static func unquoted(_ literal: String) -> String {
        String(literal.dropFirst().dropLast())
    }
}
