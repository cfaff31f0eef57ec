import LuaRuntime

/// Compiles rule files and checks the rule-set contract: `name`, `needs`, `outputs`, `evaluate`, and the
/// declarations next to `outputs` (`record`, `work_order`, `deadlines`).
enum RuleLoader {
    struct Loaded {
        let rule: Rule
        let labels: [String: String]
        let chunk: LuaRef
        let table: LuaRef
    }

    /// Compiles and runs a rule file once, with `require` finding `modules`, and reads its contract.
    static func load(_ file: RuleSet.File, into lua: LuaState, modules: RuleModules) throws -> Loaded {
        func broken(_ problem: String) -> RuleSetError { .contract(file.path, problem) }
        let table: LuaRef, chunk: LuaRef
        do {
            chunk = try lua.compile(file.source, name: file.path,
                                    environment: try lua.environment(open: false, globals: ["require": .reference(modules.require)]))
            table = try lua.callKeepingResult(chunk, [])
        } catch let error as LuaError {
            // A limit hit while loading (memory, stack) may name no position: name the file.
            // A module's error already names the module's file.
            let named = [file.path] + modules.compiled.map(\.path)
            throw RuleSetError.script(named.contains { error.message.hasPrefix($0 + ":") } ? error.message : "\(file.path): \(error.message)")
        }
        guard lua.typeName(of: table) == "table" else {
            throw broken("the file must end with `return { name = …, needs = …, outputs = …, evaluate = … }`")
        }
        func field(_ key: String) throws -> LuaValue {
            let ref = lua.field(key, of: table)
            defer { lua.release(ref) }
            do { return try lua.value(of: ref, path: key) } catch let error as LuaError { throw broken(error.message) }
        }
        guard case .string(let name) = try field("name"), !name.isEmpty else {
            throw broken("`name` must be a non-empty text")
        }
        let needsValue = try field("needs")
        guard let needList = needsValue == .nil ? [] : needsValue.arrayValue,
              let needs = Optional(needList.compactMap(\.stringValue)), needs.count == needList.count else {
            throw broken("`needs` must be a list of rule names, e.g. needs = { \"assignment\" }")
        }
        guard let declared = try field("outputs").tableValue, !declared.isEmpty else {
            throw broken("`outputs` must name each field the rule returns with its type, e.g. outputs = { due = \"date\" }")
        }
        var outputs: [String: OutputType] = [:]
        for (key, value) in declared {
            guard let text = value.stringValue, let type = OutputType(text) else {
                throw broken("output '\(key)' has type \(LuaValueText.brief(value)); use string, integer, number, boolean, date, table or any, with [] for a list and ? for optional")
            }
            outputs[key] = type
        }
        let declarations = try RuleDeclarations.read(path: file.path, outputs: outputs,
                                                     columns: try ResultColumns.current.get(), field: field)
        let evaluate = lua.field("evaluate", of: table)
        guard lua.typeName(of: evaluate) == "function" else {
            throw broken("`evaluate` must be a function(ticket, ctx) that returns the outputs")
        }
        let plan = lua.field("plan", of: table)
        let planType = lua.typeName(of: plan)
        guard planType == "function" || planType == "nil" else {
            throw broken("`plan` must be a function(community, ctx) that returns a revisit plan")
        }
        var labels: [String: String] = [:]
        if case .table(let entries) = try field("labels") {
            for (key, value) in entries { if let text = value.stringValue { labels[key] = text } }
        }
        lua.release(evaluate)
        lua.release(plan)
        return Loaded(rule: Rule(name: name, path: file.path, needs: needs, outputs: outputs, declarations: declarations, chunk: chunk,
                                 plans: planType == "function"),
                      labels: labels, chunk: chunk, table: table)
    }

    /// The rules ordered so that each comes after those it needs (file order otherwise).
    static func order(_ rules: [Rule]) throws -> [Rule] {
        var byName: [String: Rule] = [:]
        for rule in rules {
            if let first = byName[rule.name] { throw RuleSetError.duplicateName(rule.name, first.path, rule.path) }
            byName[rule.name] = rule
        }
        let planners = rules.filter(\.plans)
        if planners.count > 1 {
            throw RuleSetError.contract(planners[1].path, "only one rule may have `plan`; \(planners[0].path) has one already")
        }
        for rule in rules {
            for need in rule.needs where byName[need] == nil {
                throw RuleSetError.unknownNeed(rule.path, rule.name, need)
            }
        }
        var ordered: [Rule] = [], done = Set<String>(), path: [String] = []
        func visit(_ rule: Rule) throws {
            if done.contains(rule.name) { return }
            if let start = path.firstIndex(of: rule.name) {
                throw RuleSetError.cycle(Array(path[start...]) + [rule.name])
            }
            path.append(rule.name)
            for need in rule.needs { try visit(byName[need]!) }
            path.removeLast()
            done.insert(rule.name)
            ordered.append(rule)
        }
        for rule in rules { try visit(rule) }
        return ordered
    }
}
