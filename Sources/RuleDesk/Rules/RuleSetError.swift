/// A rule set that cannot be used, with what to do about it.
public enum RuleSetError: Error, Equatable, CustomStringConvertible {
    case missingFolder(String)
    case empty(String)
    case unreadable(String)
    case notText(String)
    /// A file breaks the rule-set contract: `path`, what is wrong.
    case contract(String, String)
    /// A file does not compile or fails while loading: Lua's message, `path:line: …`.
    case script(String)
    case duplicateName(String, String, String)
    case unknownNeed(String, String, String)
    case cycle([String])
    /// Two modules with one name: the name, the first's path, the second's path.
    case duplicateModule(String, String, String)

    public var description: String {
        switch self {
        case .missingFolder(let folder):
            return "no rules folder at \(folder): pass --rules DIR, or run from the folder that holds rules/"
        case .empty(let folder):
            return "\(folder) holds no *.lua rule files"
        case .unreadable(let path):
            return "\(path): cannot read the file"
        case .notText(let path):
            return "\(path): not UTF-8 text; save it as UTF-8"
        case .contract(let path, let problem):
            return "\(path): \(problem)"
        case .script(let message):
            return message
        case .duplicateName(let name, let first, let second):
            return "\(second): the rule name '\(name)' is taken by \(first); give each rule its own name"
        case .unknownNeed(let path, let rule, let need):
            return "\(path): rule '\(rule)' needs '\(need)', but no rule has that name"
        case .cycle(let names):
            return "the rules' needs form a cycle: \(names.joined(separator: " → ")); one of them must not need the other"
        case .duplicateModule(let name, let first, let second):
            return "\(second): the module name '\(name)' is taken by \(first); rename one of the files"
        }
    }

    /// The file the problem is in, when it is one file.
    public var file: String? {
        switch self {
        case .unreadable(let path), .notText(let path), .contract(let path, _), .unknownNeed(let path, _, _): return path
        case .duplicateName(_, _, let second), .duplicateModule(_, _, let second): return second
        default: return nil
        }
    }
}
