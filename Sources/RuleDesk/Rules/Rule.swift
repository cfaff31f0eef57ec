import LuaRuntime

/// One compiled rule: what it is called, what it needs, what it promises.
public struct Rule: Sendable {
    public let name: String
    /// The file it came from, as shown in messages (`rules/approval.lua`).
    public let path: String
    public let needs: [String]
    /// Declared outputs, by field name.
    public let outputs: [String: OutputType]
    /// Which outputs are copied onto the ticket and into its work order, and which are deadlines.
    public let declarations: RuleDeclarations
    /// The compiled file: each call makes a fresh instance of the rule (its table, functions and file-level locals).
    let chunk: LuaRef
    /// Whether the rule has `plan(community, ctx)`, to plan revisits.
    let plans: Bool

    /// Outputs as Lua left them, completed: every declared field present (nil ones as `.nil`, which Lua
    /// tables cannot hold) and an empty table declared as a list made an empty list.
    func complete(_ fields: [String: LuaValue]) -> [String: LuaValue] {
        var complete: [String: LuaValue] = [:]
        for (name, type) in outputs {
            let value = fields[name] ?? .nil
            complete[name] = type.isArray && value.arrayValue == [] ? .array([]) : value
        }
        return complete
    }

    /// The declared outputs in field order.
    public var outputFields: [(name: String, type: OutputType)] {
        outputs.keys.sorted().map { ($0, outputs[$0]!) }
    }
}

/// Why one rule could not decide a ticket.
public struct RuleFailure: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The script raised an error (or reached a calendar year that is not imported).
        case script
        /// The script ran out of instructions or memory.
        case limit
        /// The result broke the rule's declared outputs.
        case output
    }

    public let rule: String
    public let path: String
    public let kind: Kind
    /// Reads like Lua: `rules/approval.lua:14: attempt to compare nil with number`.
    public let message: String
    public var traceback: String? = nil

    public var description: String { message }
}
