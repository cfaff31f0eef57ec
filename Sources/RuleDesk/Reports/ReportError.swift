/// Why a report cannot be made, with what to do about it.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// No report script by that name: the name, where the reports were looked for, the names there are.
    case unknown(String, String, [String])
    /// The script's run failed: Lua's message, naming the file and line.
    case script(String)
    /// The script returned something that is not a report: the file, what is wrong.
    case badReport(String, String)
    /// The script does not take this parameter: the report, the option, what it takes.
    case parameter(String, String, String)
    /// No office by that name: the office, the offices there are.
    case unknownOffice(String, [String])

    public var description: String {
        switch self {
        case .unknown(let name, let folder, let names):
            let known = names.isEmpty ? "there are none: publish rules with a reports/ folder, or run a draft with --rules DIR"
                : "the reports are \(names.joined(separator: ", "))"
            return "no report '\(name)' in \(folder); \(known)"
        case .script(let message):
            return message
        case .badReport(let path, let problem):
            return "\(path): \(problem)"
        case .parameter(let report, let option, let takes):
            return "report '\(report)' does not take \(option); it takes \(takes)"
        case .unknownOffice(let office, let offices):
            let known = offices.map { $0.isEmpty ? "'' (the default office)" : $0 }.joined(separator: ", ")
            return "no office '\(office)'; the offices are \(known)"
        }
    }
}
