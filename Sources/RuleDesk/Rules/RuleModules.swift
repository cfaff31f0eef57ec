import LuaRuntime

/// The modules of a rule set (`lib/*.lua`) in one Lua state, behind a `require` that finds them and nothing else.
///
/// Each module is compiled once, with a strict environment like a rule's and its file as chunk name (so messages
/// and coverage name `rules/lib/money.lua`). `require` runs it at most once until ``reset()`` (the driver resets at
/// every decision, so a module is fresh per evaluation, like a rule) and returns its table frozen.
struct RuleModules {
    /// One compiled module.
    struct Compiled {
        let name: String
        let path: String
        let chunk: LuaRef
    }

    let lua: LuaState
    /// `require(name)`, for the environments of rules, tests and the console.
    let require: LuaRef
    let resetFunction: LuaRef
    let setFunction: LuaRef
    /// `watch(on)` and `unchanged()`: whether the modules that ran since the last reset hold what their files made
    /// (`diff`; Sandbox.lua's `new_modules`).
    let watchFunction: LuaRef
    let unchangedFunction: LuaRef
    /// The rule set's modules, compiled.
    private(set) var compiled: [Compiled]

    /// Compiles the modules of `ruleSet` into `lua`.
    init(_ ruleSet: RuleSet, into lua: LuaState) throws {
        self.lua = lua
        let tools = try lua.callKeepingResult(lua.newModules, [])
        require = lua.field("require", of: tools)
        resetFunction = lua.field("reset", of: tools)
        setFunction = lua.field("set", of: tools)
        watchFunction = lua.field("watch", of: tools)
        unchangedFunction = lua.field("unchanged", of: tools)
        lua.release(tools)
        compiled = []
        compiled = try compile(ruleSet)
        try use(compiled)
    }

    /// The same `require`, now finding the modules of `ruleSet` (the console's `.reload`).
    func reloading(_ ruleSet: RuleSet) throws -> RuleModules {
        var modules = self
        modules.compiled = try compile(ruleSet)
        try modules.use(modules.compiled)
        return modules
    }

    /// The modules of `ruleSet`, each compiled with a strict environment that has `require`.
    private func compile(_ ruleSet: RuleSet) throws -> [Compiled] {
        try ruleSet.modules.map { file in
            try Self.compile(file.source, name: file.moduleName!, path: file.path, into: lua,
                             environment: try lua.environment(open: false, globals: ["require": .reference(require)]))
        }
    }

    /// Compiles a module's source with `environment` as its globals.
    static func compile(_ source: String, name: String, path: String, into lua: LuaState,
                        environment: LuaRef) throws -> Compiled {
        do {
            return Compiled(name: name, path: path, chunk: try lua.compile(source, name: path, environment: environment))
        } catch let error as LuaError {
            throw RuleSetError.script(error.chunk == path ? error.message : "\(path): \(error.message)")
        }
    }

    /// Makes `require` find `modules` (the rule set's, and for tests theirs too) and no others; a name may be
    /// taken once.
    func use(_ modules: [Compiled]) throws {
        var byName: [String: LuaArgument] = [:], paths: [String: String] = [:]
        for module in modules {
            if let first = paths[module.name] { throw RuleSetError.duplicateModule(module.name, first, module.path) }
            paths[module.name] = module.path
            byName[module.name] = .fields(["chunk": .reference(module.chunk), "path": .value(.string(module.path))])
        }
        try lua.call(setFunction, [.fields(byName)])
    }

    /// Each module's chunk and an instance of its table (the functions whose lines coverage counts); a module that
    /// fails to run gives its chunk alone.
    func tablesForCoverage() -> [LuaRef] {
        compiled.flatMap { module in
            [module.chunk] + ((try? lua.callKeepingResult(module.chunk, [.value(.string(module.name))])).map { [$0] } ?? [])
        }
    }

    /// Forgets the modules' instances: the next `require` of each runs its file again.
    func reset() throws {
        try lua.call(resetFunction, [])
    }
}
