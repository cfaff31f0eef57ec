/// Why a database cannot be used. Every case says that nothing was changed and what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case cannotOpen(String, String)
    case readOnly(String)
    /// Not a ruledesk database, and what it is instead.
    case notRuleDesk(String, String)
    /// An empty file, where a database was expected.
    case empty(String)
    /// Made by a newer ruledesk: the migration this build does not know.
    case newer(String, String)
    /// Made by an older ruledesk: the first migration it lacks.
    case older(String, String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no database at \(path): create it with `ruledesk init --db \(path)`"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason)"
        case .readOnly(let path):
            return "the database \(path) is read-only (the file, its folder or the disk): nothing was written; make it writable and run again"
        case .notRuleDesk(let path, let what):
            return "\(path) is not a ruledesk database (it is \(what)): nothing was changed; "
                + "pass the right --db, or create a new database with `ruledesk init --db NEW-FILE`"
        case .empty(let path):
            return "\(path) is empty, not a ruledesk database: nothing was changed; "
                + "make it a database with `ruledesk init --db \(path)`, or pass the right --db"
        case .newer(let path, let migration):
            return "\(path) was made by a newer ruledesk (it has the change '\(migration)', which this ruledesk does not know): "
                + "nothing was changed; use that ruledesk or a newer one"
        case .older(let path, let migration):
            return "\(path) was made by an older ruledesk (it lacks the change '\(migration)'): nothing was changed; "
                + "bring it up to date with `ruledesk init --db \(path)` (on a copy, if it must stay as it is)"
        }
    }
}
