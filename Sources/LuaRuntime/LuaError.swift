/// A failure of a Lua chunk or call, typed so that callers can tell a script's bug from a limit.
///
/// `message` reads like Lua's own, with the chunk name and line first:
/// `rules/approval.lua:14: attempt to compare nil with number`.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// The source text does not compile (or is a binary chunk).
        case syntax
        /// The script raised an error while running.
        case runtime
        /// The call used up its instruction budget.
        case budget
        /// The call ran past its wall-clock deadline.
        case deadline
        /// The state reached its memory cap.
        case memory
        /// A value cannot cross between Lua and Swift (a function, a cycle, NaN, invalid UTF-8, …).
        case badValue
        /// The call was interrupted from outside (the console's Ctrl-C).
        case interrupted
    }

    public let kind: Kind
    /// The message, starting with `chunk:line:` when Lua knows where.
    public let message: String
    /// Lua's `stack traceback:` lines, when there are any.
    public let traceback: String?

    public init(_ kind: Kind, _ message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    /// The chunk named at the start of the message (`rules/approval.lua`), if any.
    public var chunk: String? { location?.chunk }

    /// The line named at the start of the message, if any.
    public var line: Int? { location?.line }

    /// The message without its `chunk:line: ` prefix.
    public var text: String {
        guard let (chunk, line) = location else { return message }
        return String(message.dropFirst("\(chunk):\(line): ".count))
    }

    private var location: (chunk: String, line: Int)? {
        // "chunk:line: text" — the chunk may itself contain ':' only before the last ":<digits>:".
        var scalars = message[...]
        while let colon = scalars.firstIndex(of: ":") {
            let rest = message[message.index(after: colon)...]
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, rest.dropFirst(digits.count).first == ":", let line = Int(digits) {
                return (String(message[..<colon]), line)
            }
            scalars = message[message.index(after: colon)...]
        }
        return nil
    }

    public var description: String { message }
}
