import Foundation

/// Finds `require("name")` calls with a literal name in a Lua source, for `ruledesk check` to report a module
/// there is not before any ticket runs into it.
enum RequireScan {
    private static let call = try! NSRegularExpression(pattern: #"\brequire\s*\(?\s*["']([^"'\n]*)["']"#)

    /// The literal names required in `source`, with their line numbers.
    static func names(in source: String) -> [(name: String, line: Int)] {
        let text = source as NSString
        return call.matches(in: source, range: NSRange(location: 0, length: text.length)).map { match in
            let before = text.substring(to: match.range.location)
            return (text.substring(with: match.range(at: 1)), before.components(separatedBy: "\n").count)
        }
    }

    /// A finding for each literal `require` in `source` of a name that is not one of `modules`.
    static func missing(in source: String, file: String, modules: [String]) -> [RuleCheck.Finding] {
        let known = modules.isEmpty ? "there are no modules" : "the modules are " + modules.sorted().joined(separator: ", ")
        return names(in: source).filter { !modules.contains($0.name) }.map { found in
            RuleCheck.Finding(file: file, line: found.line, column: nil, code: nil,
                              message: "require of '\(found.name)': no module \(RuleSet.modulesFolder)/\(found.name).lua; \(known)",
                              isError: true)
        }
    }
}
