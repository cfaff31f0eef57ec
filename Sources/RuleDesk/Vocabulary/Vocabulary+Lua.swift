import LuaRuntime

extension Vocabulary {
    /// The module whose table's `fields` is the rule set's vocabulary: `rules/lib/vocabulary.lua`.
    public static let moduleName = "vocabulary"

    /// The vocabulary the rule set's modules declare, read through the sandbox: the `fields` of what
    /// `lib/vocabulary.lua` returns; ``none`` when the rule set has no such module.
    static func read(from modules: RuleModules) throws -> Vocabulary {
        guard let module = modules.compiled.first(where: { $0.name == moduleName }) else { return .none }
        let lua = modules.lua
        let table: LuaRef
        do {
            table = try lua.callKeepingResult(module.chunk, [.value(.string(module.name))])
        } catch let error as LuaError {
            throw RuleSetError.script(error.message.hasPrefix(module.path + ":") ? error.message : "\(module.path): \(error.message)")
        }
        defer { lua.release(table) }
        guard lua.typeName(of: table) == "table" else {
            throw RuleSetError.contract(module.path, "the module must end with `return vocabulary`, a table whose `fields` lists each field's values")
        }
        let fields = lua.field("fields", of: table)
        defer { lua.release(fields) }
        do {
            return try Vocabulary(luaValue: try lua.value(of: fields, path: "fields"), path: module.path)
        } catch let error as LuaError {
            throw RuleSetError.contract(module.path, error.message)
        }
    }

    /// The one conversion from Lua: `{ FIELD = { name = "…", values = { { key = "…", name = "…", also = { … } }, … } }, … }`,
    /// every problem named at its place in the table of `path`.
    init(luaValue: LuaValue, path: String) throws {
        func broken(_ problem: String) -> RuleSetError { .contract(path, problem) }
        guard let declared = luaValue.tableValue, !declared.isEmpty else {
            throw broken("`fields` must list each ticket field's values, e.g. fields = { kind = { name = \"工单类别\", values = { { key = \"repair\", name = \"维修\" } } } }")
        }
        var fields: [Field] = []
        for (fieldName, entry) in declared.sorted(by: { $0.key < $1.key }) {
            let place = "fields.\(fieldName)"
            guard Self.ticketFields.contains(fieldName) else {
                throw broken("`\(place)`: a vocabulary lists the values of \(Self.ticketFields.joined(separator: ", ")), not of '\(fieldName)'")
            }
            guard let title = entry["name"].stringValue, !title.isEmpty else {
                throw broken("`\(place).name` must be the field's Chinese name, e.g. name = \"维修部位\"")
            }
            guard let values = entry["values"].arrayValue, !values.isEmpty else {
                throw broken("`\(place).values` must list the field's values, e.g. values = { { key = \"plumbing\", name = \"给排水管道\" } }")
            }
            var terms: [Term] = [], seen: [String: String] = [:]
            for (index, value) in values.enumerated() {
                let at = "\(place).values[\(index + 1)]"
                guard let key = value["key"].stringValue, !key.isEmpty, let name = value["name"].stringValue, !name.isEmpty else {
                    throw broken("`\(at)` must have a key and a Chinese name, e.g. { key = \"plumbing\", name = \"给排水管道\" }")
                }
                guard !terms.contains(where: { $0.key == key }) else {
                    throw broken("`\(at)`: the key '\(key)' is listed twice in \(place)")
                }
                let also = value["also"] == .nil ? [] : value["also"].arrayValue ?? [.nil]
                let spellings = also.compactMap(\.stringValue).filter { !$0.isEmpty }
                guard spellings.count == also.count else {
                    throw broken("`\(at).also` must be a list of other spellings, e.g. also = { \"水管\" }")
                }
                for word in [key, name] + spellings {
                    if let other = seen[word.lowercased()], other != key {
                        throw broken("`\(place)`: '\(word)' stands for both \(other) and \(key); each spelling may mean one value")
                    }
                    seen[word.lowercased()] = key
                }
                terms.append(Term(key: key, name: name, spellings: spellings))
            }
            fields.append(Field(name: fieldName, title: title, terms: terms))
        }
        self.init(fields: fields)
    }
}

extension Vocabulary {
    /// The vocabulary of `ruleSet`, read in a sandbox of its own: what `import` and `record` check values against.
    ///
    /// ```swift
    /// let vocabulary = try Vocabulary.of(RuleSource.choose(folder: nil, store: store), store: store)
    /// try vocabulary.normalise("维修", field: "kind")   // "repair"
    /// ```
    public init(ruleSet: RuleSet) throws {
        self = try Self.read(from: try RuleModules(ruleSet, into: try LuaState()))
    }

    /// The vocabulary of the rules `source` names: the version in force, or a folder.
    public static func of(_ source: RuleSource, store: Store) throws -> Vocabulary {
        try Vocabulary(ruleSet: source.load(from: store))
    }
}
