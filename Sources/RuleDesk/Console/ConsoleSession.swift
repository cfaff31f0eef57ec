import Foundation
import GRDB
import LuaRuntime

/// The clerk's console (`ruledesk repl`) without the terminal: it takes lines, keeps an incomplete chunk until
/// it is complete, runs it in the sandbox with the console's helpers, and answers with text to show.
///
/// ```swift
/// let console = try ConsoleSession(store: store, rules: .published, settings: settings)
/// console.submit("eval(ticket(\"KF-2026-000001\"))").output   // the decision, as a clerk reads it
/// ```
public final class ConsoleSession {
    /// What the console answers to a line.
    public struct Reply: Equatable {
        /// Text to show (printed values, results, meta command answers).
        public var output: [String] = []
        /// The error of the chunk, if it failed.
        public var error: String?
        /// The chunk is incomplete: show the continuation prompt and read more.
        public var needsMore = false
        /// `.quit` was asked.
        public var quit = false
    }

    public enum Format: String, Sendable { case text, json }

    public var format: Format = .text
    public let showPII: Bool
    /// The language of what the console says (its help, messages and errors).
    public let language: Language
    let store: Store
    let settings: Settings
    /// Where the rules come from; `.reload` reads them from there again.
    public let rules: RuleSource
    private(set) var engine: RuleEngine
    let lua: LuaState
    private let host: HostAPI
    /// The rules' modules in the console's own state, fresh for each chunk typed.
    private var modules: RuleModules
    private var env: LuaRef!
    private var fieldsFunction: LuaRef!
    private var pending: [String] = []
    /// The new case being asked for field by field (`新案件`), if any.
    var form: CaseForm?
    private var printed: [String] = []
    /// Cases made with `case{…}`, by their number.
    var cases: [String: TicketCase] = [:]
    /// The decisions and plans the console's handles stand for; a handle is the value's position from 1.
    private var heldValues: [HeldValue] = []
    /// What `record(…)` records with, made on its first use.
    var eventRecorder: EventRecorder?

    /// The limits for a clerk at a terminal: a budget only a very long loop reaches and no deadline, since
    /// Ctrl-C stops a chunk there; the memory cap stays.
    public static let terminalLimits = LuaLimits(instructions: 50_000_000_000, seconds: 0)

    /// The limits for a script piped in: the rules' own.
    public static let scriptLimits = LuaLimits()

    /// Whether Ctrl-C was pressed since the last time this was asked; the next chunk is not stopped by it.
    public static func takeInterrupt() -> Bool { LuaState.takeInterrupt() }

    /// A descriptor that becomes readable when Ctrl-C is pressed, for the wait for keys (after
    /// ``catchInterrupts()``).
    public static var interruptDescriptor: Int32 { LuaState.interruptDescriptor }

    /// `limits` bound each chunk: the rules' own (the default) for a script, ``terminalLimits`` on a terminal.
    public init(store: Store, rules: RuleSource, settings: Settings, showPII: Bool = false,
                limits: LuaLimits = LuaLimits(), language: Language = .en) throws {
        self.store = store
        self.language = language
        self.rules = rules
        self.settings = settings
        self.showPII = showPII
        engine = try RuleEngine(ruleSet: rules.load(from: store), store: store, settings: settings)
        lua = try LuaState(limits: limits)
        host = try HostAPI(lua: lua, calendar: try store.calendar(), store: store)
        modules = try RuleModules(engine.ruleSet, into: lua)
        env = try lua.environment(open: true, globals: ["require": .reference(modules.require)])
        let prelude = try lua.compile(String(decoding: PackageResources.ConsolePrelude_lua, as: UTF8.self), name: "=console",
                                      environment: env)
        fieldsFunction = try lua.callKeepingResult(prelude, [.fields(helpers())])
    }

    /// Whether an incomplete chunk, or a new case's questions, wait for more lines.
    public var isContinuing: Bool { !pending.isEmpty || form != nil }

    /// What to show before the next line: the current question of a new case, `>> ` inside a chunk, else
    /// `ruledesk> `.
    public var prompt: String {
        if let form { return form.prompt(self) }
        return pending.isEmpty ? "ruledesk> " : ">> "
    }

    /// Lets Ctrl-C stop a running chunk.
    public func catchInterrupts() { lua.catchInterrupts() }

    /// Drops the incomplete chunk, or the new case being asked for (Ctrl-C while typing); returns what to say then.
    @discardableResult
    public func cancelLine() -> String? {
        pending = []
        guard form != nil else { return nil }
        form = nil
        return say(.formCancelled)
    }

    /// Takes one line: the answer to a new case's question, a meta command (`.help`, or a word standing for one:
    /// `帮助`), a ticket number alone (its decision), or Lua, run once the chunk is complete.
    public func submit(_ line: String) -> Reply {
        if form != nil { return answer(line) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pending.isEmpty {
            if let command = ClerkInput.command(trimmed) { return meta(command) }
            if trimmed.hasPrefix(".") { return meta(trimmed) }
            if let alone = ClerkInput.numberAlone(trimmed), alone.running || isKnown(alone.number) {
                return submit("eval(\"\(alone.number)\")")
            }
        }
        pending.append(ClerkInput.quotingNumbers(line))
        let chunk = pending.joined(separator: "\n")
        guard !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            pending = []
            return Reply()
        }
        let function: LuaRef
        do {
            function = try compile(chunk)
        } catch let error as LuaError where error.kind == .syntax && error.message.hasSuffix("<eof>") {
            return Reply(needsMore: true)
        } catch {
            pending = []
            return Reply(error: "\(error)")
        }
        pending = []
        defer { lua.release(function) }
        printed = []
        do {
            try modules.reset()
            let shown = try lua.call(function, []) { results in
                (0..<results.count).map { show(results, $0) }
            }
            // Several plain values share a line, as in Lua's own console.
            let joined = shown.count > 1 && !shown.contains { $0.contains("\n") } ? [shown.joined(separator: "\t")] : shown
            return Reply(output: printed + joined)
        } catch let error as LuaError {
            let message = error.kind == .interrupted ? say(.interrupted) : error.message
            return Reply(output: printed, error: message)
        } catch {
            return Reply(output: printed, error: "\(error)")
        }
    }

    /// Whether `number` is a stored ticket's or a case's.
    private func isKnown(_ number: String) -> Bool {
        cases[number] != nil || ((try? store.read {
            try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM tickets WHERE number = ?)", arguments: [number])
        }) ?? false) == true
    }

    /// `return <chunk>` when the chunk is an expression (so typing `1 + 1` shows 2), else the chunk.
    private func compile(_ chunk: String) throws -> LuaRef {
        if let expression = try? lua.compile("return " + chunk, name: "=stdin", environment: env) { return expression }
        return try lua.compile(chunk, name: "=stdin", environment: env)
    }

    /// The globals a completion can offer: the console's own and the sandbox's.
    func globalNames() -> [String] {
        let sandbox = (try? lua.sandboxGlobals().keys.map { $0 }) ?? []
        return Array(Set(lua.keys(of: env) + sandbox)).sorted()
    }

    /// The field names of the table `path` (`string`, `t.results`) leads to.
    func fieldNames(of path: String) -> [String] {
        ((try? lua.call(fieldsFunction, [.value(.string(path))]).first?.arrayValue) ?? [])
            .compactMap(\.stringValue).sorted()
    }

    /// Makes the next engine from the rules folder, or the version now in force (`.reload`).
    func reloadEngine() throws -> RuleEngine {
        let engine = try RuleEngine(ruleSet: rules.load(from: store), store: store, settings: settings)
        modules = try modules.reloading(engine.ruleSet)
        self.engine = engine
        host.calendar = try store.calendar()
        return engine
    }

    /// Keeps `value` for Lua: the handle's number.
    func hold(_ value: HeldValue) -> LuaValue {
        heldValues.append(value)
        return .integer(Int64(heldValues.count))
    }

    /// The value a handle's number stands for.
    func held(_ handle: LuaValue) throws -> HeldValue {
        guard let number = handle.integerValue, number >= 1, number <= heldValues.count else {
            throw LuaError(.runtime, say(.notHeld))
        }
        return heldValues[Int(number) - 1]
    }

    /// A message in the console's language.
    func say(_ message: ConsoleMessage) -> String { message.text(in: language) }

    /// Adds text that `print` wrote.
    func printLine(_ text: String) { printed.append(text) }

    /// The Lua functions the prelude wraps.
    private func helpers() -> [String: LuaArgument] {
        let helpers = ConsoleHelpers(console: self)
        return helpers.functions(in: lua, host: host).merging(helpers.lifecycleFunctions(in: lua)) { first, _ in first }
    }
}
