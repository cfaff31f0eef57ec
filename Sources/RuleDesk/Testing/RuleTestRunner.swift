import Foundation
import LuaRuntime

/// Runs the rule tests under `rules/tests/` (and the report scripts' tests under `rules/tests/reports/`): every
/// global function `test_*` of every `*.lua` file, each in a
/// fresh in-memory world, after the file's `setup()` if it has one. Tests `require` the rule set's modules and
/// the test modules of `rules/tests/lib/` (helpers shared by test files; not part of the rule set's version).
///
/// ```swift
/// let report = try RuleTestRunner(ruleSet: RuleSet(folder: "rules"), settings: settings).run()
/// print(report.summary)   // "73 passed, 0 failed"
/// ```
public struct RuleTestRunner {
    public let ruleSet: RuleSet
    public let settings: Settings
    /// Only tests whose `file:name` contains this text (or matches it as a Lua-free glob `*`).
    public var pattern: String?
    public var coverage = false
    public var limits = LuaLimits()

    public init(ruleSet: RuleSet, settings: Settings) {
        self.ruleSet = ruleSet
        self.settings = settings
    }

    /// Runs the tests; a test file that does not compile counts as one failed test.
    public func run() throws -> RuleTestReport {
        let folder = ruleSet.folder + "/tests"
        let names = Self.testFiles(in: folder)
        var outcomes: [RuleTestOutcome] = []
        var covered: [String: Set<Int>] = [:], withCode: [String: Set<Int>] = [:]
        for name in names {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                outcomes.append(RuleTestOutcome(file: path, test: "(file)", line: 1, failure: "\(path): cannot read it as UTF-8 text"))
                continue
            }
            let tests: [(name: String, line: Int)]
            do {
                tests = try discover(source, path: path)
            } catch {
                outcomes.append(RuleTestOutcome(file: path, test: "(file)", line: 1, failure: "\(error)"))
                continue
            }
            for test in tests where matches(path, test.name) {
                var outcome = RuleTestOutcome(file: path, test: test.name, line: test.line, failure: nil)
                do {
                    let world = try TestWorld(ruleSet: ruleSet, settings: settings, coverage: coverage, limits: limits)
                    try runOne(test.name, source: source, path: path, in: world)
                    if coverage {
                        for (file, lines) in world.engine.coveredLines() { covered[file, default: []].formUnion(lines) }
                        for (file, lines) in world.engine.linesWithCode() { withCode[file, default: []].formUnion(lines) }
                        for (file, lines) in try world.reports().linesWithCode() { withCode[file, default: []].formUnion(lines) }
                    }
                } catch let error as LuaError {
                    outcome.failure = error.message
                } catch {
                    outcome.failure = "\(error)"
                }
                outcomes.append(outcome)
            }
        }
        let ruleFiles = ruleSet.files.map(\.path)
        let report = coverage ? ruleFiles.map { file in
            FileCoverage(file: file, linesWithCode: withCode[file] ?? [], linesRun: (covered[file] ?? []).intersection(withCode[file] ?? []))
        } : nil
        return RuleTestReport(outcomes: outcomes, coverage: report)
    }

    /// The test files: `*.lua` in `tests/`, then the report scripts' tests in `tests/reports/` (as `reports/NAME`).
    static func testFiles(in folder: String) -> [String] {
        func lua(_ inner: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: inner)) ?? []).filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }.sorted()
        }
        return lua(folder) + lua(folder + "/" + RuleSet.reportsFolder).map { RuleSet.reportsFolder + "/" + $0 }
    }

    private func matches(_ path: String, _ test: String) -> Bool {
        guard let pattern, !pattern.isEmpty else { return true }
        let name = (path as NSString).lastPathComponent + ":" + test
        if pattern.contains("*") {
            let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            var rest = Substring(name)
            for (index, part) in parts.enumerated() where !part.isEmpty {
                guard let range = rest.range(of: part) else { return false }
                if index == 0, range.lowerBound != rest.startIndex { return false }
                rest = rest[range.upperBound...]
            }
            return parts.last!.isEmpty || rest.isEmpty
        }
        return name.contains(pattern)
    }

    /// The test functions of a file, in the order they are written.
    private func discover(_ source: String, path: String) throws -> [(name: String, line: Int)] {
        let world = try TestWorld(ruleSet: ruleSet, settings: settings, coverage: false, limits: limits)
        let env = try load(source, path: path, in: world)
        let lua = world.engine.lua
        return lua.keys(of: env).filter { $0.hasPrefix("test_") }.compactMap { name in
            let function = lua.field(name, of: env)
            defer { lua.release(function) }
            return lua.typeName(of: function) == "function" ? (name, lua.definitionLine(of: function) ?? 0) : nil
        }.sorted { $0.line < $1.line }
    }

    private func load(_ source: String, path: String, in world: TestWorld) throws -> LuaRef {
        let lua = world.engine.lua
        let modules = world.engine.modules
        var globals = world.globals()
        globals["require"] = .reference(modules.require)
        let env = try lua.environment(open: true, globals: globals)
        try lua.call(try lua.compile(Expectations.source, name: "expectations", environment: env), [])
        // Test modules see what test files see.
        let testModules = try testModuleFiles().map { name, path, source in
            try RuleModules.compile(source, name: name, path: path, into: lua, environment: env)
        }
        try modules.use(modules.compiled + testModules)
        try lua.call(try lua.compile(source, name: path, environment: env), [])
        return env
    }

    /// The test modules: name, path and source of each `rules/tests/lib/*.lua`.
    private func testModuleFiles() throws -> [(String, String, String)] {
        let folder = ruleSet.folder + "/tests/" + RuleSet.modulesFolder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }.sorted()
        return try names.map { name in
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                throw RuleSetError.notText(path)
            }
            return (String(name.dropLast(".lua".count)), path, source)
        }
    }

    private func runOne(_ name: String, source: String, path: String, in world: TestWorld) throws {
        let lua = world.engine.lua
        let env = try load(source, path: path, in: world)
        let setup = lua.field("setup", of: env)
        if lua.typeName(of: setup) == "function" { try lua.call(setup, []) }
        try lua.call(lua.field(name, of: env), [])
    }
}

/// One test's result.
public struct RuleTestOutcome: Sendable {
    public let file: String
    public let test: String
    public let line: Int
    /// `file:line: what: expected E, got A`, or nil when it passed.
    public var failure: String?
    public var passed: Bool { failure == nil }
}

/// Which lines of a rule file the tests ran.
public struct FileCoverage: Sendable {
    public let file: String
    public let linesWithCode: Set<Int>
    public let linesRun: Set<Int>

    /// Percentage of lines with code that ran (100 for a file without code).
    public var percent: Double {
        linesWithCode.isEmpty ? 100 : Double(linesRun.count) * 100 / Double(linesWithCode.count)
    }

    public var linesNotRun: [Int] { linesWithCode.subtracting(linesRun).sorted() }
}

/// All the tests' results.
public struct RuleTestReport: Sendable {
    public let outcomes: [RuleTestOutcome]
    public let coverage: [FileCoverage]?

    public var passed: Int { outcomes.filter(\.passed).count }
    public var failed: Int { outcomes.count - passed }
    /// `N passed, N failed`.
    public var summary: String { "\(passed) passed, \(failed) failed" }
}
