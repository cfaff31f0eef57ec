import LuaRuntime

/// A report script (`rules/reports/*.lua`) compiled and its contract read: it names itself, says which period it
/// covers and whether it takes an office, and has `build(params, ctx)` returning the report's sections.
///
/// ```lua
/// return {
///   name = "weekly", title = "客户服务周报",
///   parameters = { period = "week", office = true },
///   build = function(params, ctx) return { { id = "total", title = "受理", figures = { … } } } end,
/// }
/// ```
public struct ReportScript {
    public let name: String
    public let title: String
    public let path: String
    /// `week`, `quarter` or `year`: the period `--week`, `--quarter` or `--year` gives (any report takes `--from`/`--to`).
    public let period: String
    /// Whether it takes `--office`.
    public let takesOffice: Bool
    let build: LuaRef
    /// The compiled file (with `build`, what coverage counts the lines of).
    let chunk: LuaRef

    /// The periods a script may declare.
    public static let periods = ["week", "quarter", "year"]

    /// Compiles and runs `file` once in `lua`, with `require` finding the rule set's modules.
    static func load(_ file: RuleSet.File, into lua: LuaState, modules: RuleModules) throws -> ReportScript {
        func broken(_ problem: String) -> RuleSetError { .contract(file.path, problem) }
        let table: LuaRef, chunk: LuaRef
        do {
            let environment = try lua.environment(open: false, globals: ["require": .reference(modules.require)])
            chunk = try lua.compile(file.source, name: file.path, environment: environment)
            table = try lua.callKeepingResult(chunk, [])
        } catch let error as LuaError {
            let named = [file.path] + modules.compiled.map(\.path)
            throw RuleSetError.script(named.contains { error.message.hasPrefix($0 + ":") } ? error.message : "\(file.path): \(error.message)")
        }
        guard lua.typeName(of: table) == "table" else {
            throw broken("a report must end with `return { name = …, title = …, parameters = …, build = … }`")
        }
        func field(_ key: String) throws -> LuaValue {
            let ref = lua.field(key, of: table)
            defer { lua.release(ref) }
            do { return try lua.value(of: ref, path: key) } catch let error as LuaError { throw broken(error.message) }
        }
        guard case .string(let name) = try field("name"), !name.isEmpty else { throw broken("`name` must be a non-empty text") }
        guard case .string(let title) = try field("title"), !title.isEmpty else {
            throw broken("`title` must be a non-empty text, the report's heading")
        }
        let parameters = try field("parameters")
        guard let period = parameters["period"].stringValue, periods.contains(period) else {
            throw broken("`parameters.period` must be one of \(periods.joined(separator: ", ")), e.g. parameters = { period = \"week\", office = true }")
        }
        let office = parameters["office"]
        guard office == .nil || office.boolValue != nil else { throw broken("`parameters.office` must be true or false") }
        let build = lua.field("build", of: table)
        lua.release(table)
        guard lua.typeName(of: build) == "function" else {
            lua.release(build)
            throw broken("`build` must be a function(params, ctx) that returns the report's sections")
        }
        return ReportScript(name: name, title: title, path: file.path, period: period,
                            takesOffice: office.boolValue ?? false, build: build, chunk: chunk)
    }
}
