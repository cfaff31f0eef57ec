import Foundation
import LuaRuntime

/// `ruledesk check`: compiles every rule, module and report script, checks the rule-set contract (with the
/// declarations of where outputs go), the report contract, and that each module returns its table, finds a
/// `require` of a module there is not, lints rules, modules, reports and tests with luacheck (undefined globals,
/// unused variables, shadowing), and finds a ticket field compared with a value outside the rules' vocabulary, all
/// with file:line.
public struct RuleCheck {
    /// One problem found.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let column: Int?
        /// luacheck's code (`W211`), or nil for the host's own checks.
        public let code: String?
        public let message: String
        public let isError: Bool

        public var description: String {
            var place = file
            if let line { place += ":\(line)" }
            if let column { place += ":\(column)" }
            return "\(place): \(isError ? "error" : "warning")\(code.map { " (\($0))" } ?? ""): \(message)"
        }
    }

    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// Everything found, contract errors first, then luacheck's findings in file order.
    public func run() throws -> [Finding] {
        let ruleSet = try RuleSet(folder: folder)
        var findings = Self.checkModules(ruleSet)
        var rules: [Rule] = []
        if findings.isEmpty {
            for file in ruleSet.rules {
                do {
                    let lua = try LuaState()
                    rules.append(try RuleLoader.load(file, into: lua, modules: try RuleModules(ruleSet, into: lua)).rule)
                } catch let error as RuleSetError {
                    findings.append(Self.finding(error, file: file.path))
                }
            }
        }
        if findings.isEmpty {
            do {
                _ = try DeclaredResults(rules: try RuleLoader.order(rules), columns: try ResultColumns.current.get())
            } catch let error as RuleSetError {
                findings.append(Self.finding(error, file: ruleSet.folder))
            }
        }
        if findings.isEmpty {
            do {
                let vocabulary = try Vocabulary(ruleSet: ruleSet)
                findings += ruleSet.files.flatMap { VocabularyScan.findings(in: $0.source, file: $0.path, vocabulary: vocabulary) }
            } catch let error as RuleSetError {
                findings.append(Self.finding(error, file: ruleSet.folder))
            }
        }
        if findings.isEmpty { findings += Self.checkReports(ruleSet) }
        let tests = ruleSet.folder + "/tests"
        let testModules = Self.luaFiles(in: tests + "/" + RuleSet.modulesFolder)
        let testFiles = Self.luaFiles(in: tests) + Self.luaFiles(in: tests + "/" + RuleSet.reportsFolder) + testModules
        let ruleFiles = ruleSet.files.map { ruleSet.folder + "/" + $0.name }
        let moduleNames = ruleSet.modules.compactMap(\.moduleName)
        let testModuleNames = testModules.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        findings += ruleSet.files.flatMap { RequireScan.missing(in: $0.source, file: $0.path, modules: moduleNames) }
        findings += testFiles.flatMap { path in
            RequireScan.missing(in: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", file: path,
                                modules: moduleNames + testModuleNames)
        }
        findings += try lint(ruleFiles + testFiles)
        return findings
    }

    /// Each module compiles and, run, returns its table.
    private static func checkModules(_ ruleSet: RuleSet) -> [Finding] {
        do {
            let lua = try LuaState()
            let modules = try RuleModules(ruleSet, into: lua)
            return ruleSet.modules.compactMap { file in
                do {
                    try modules.reset()
                    try lua.call(modules.require, [.value(.string(file.moduleName!))]) { _ in () }
                    return nil
                } catch {
                    return finding(.script("\(error)"), file: file.path)
                }
            }
        } catch let error as RuleSetError {
            return [finding(error, file: ruleSet.folder)]
        } catch {
            return [Finding(file: ruleSet.folder, line: nil, column: nil, code: nil, message: "\(error)", isError: true)]
        }
    }

    /// Each report script compiles and keeps the report contract (name, title, parameters, build); names are unique.
    private static func checkReports(_ ruleSet: RuleSet) -> [Finding] {
        var names: [String: String] = [:]
        return ruleSet.reports.compactMap { file in
            do {
                let lua = try LuaState()
                let script = try ReportScript.load(file, into: lua, modules: try RuleModules(ruleSet, into: lua))
                if let first = names[script.name] {
                    return finding(.contract(file.path, "the report name '\(script.name)' is taken by \(first); give each report its own name"), file: file.path)
                }
                names[script.name] = file.path
                return nil
            } catch let error as RuleSetError {
                return finding(error, file: file.path)
            } catch {
                return Finding(file: file.path, line: nil, column: nil, code: nil, message: "\(error)", isError: true)
            }
        }
    }

    /// The `*.lua` files directly in `folder`, in name order, with the folder in front.
    private static func luaFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    private static func finding(_ error: RuleSetError, file: String) -> Finding {
        let text = error.description
        let lua = LuaError(.syntax, text)
        if let chunk = lua.chunk, let line = lua.line {
            let message = text.drop { $0 != ":" }.dropFirst().drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            return Finding(file: chunk, line: line, column: nil, code: nil, message: message, isError: true)
        }
        let place = error.file ?? file
        let message = text.hasPrefix(place + ": ") ? String(text.dropFirst(place.count + 2)) : text
        return Finding(file: place, line: nil, column: nil, code: nil, message: message, isError: true)
    }

    /// luacheck over the files, with a configuration made from the sandbox's globals.
    private func lint(_ files: [String]) throws -> [Finding] {
        guard let luacheck = Self.executable("luacheck") else {
            return [Finding(file: folder, line: nil, column: nil, code: nil,
                            message: "luacheck is not installed; install it with: apt-get install lua-check", isError: true)]
        }
        let config = NSTemporaryDirectory() + "ruledesk-luacheckrc-\(UUID().uuidString).lua"
        let tests = URL(fileURLWithPath: folder).appendingPathComponent("tests").standardizedFileURL.path
        try Data(LuacheckConfig(sandbox: try LuaState().sandboxGlobals(), tests: tests).text.utf8)
            .write(to: URL(fileURLWithPath: config))
        defer { try? FileManager.default.removeItem(atPath: config) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: luacheck)
        process.arguments = ["--formatter", "plain", "--codes", "--ranges", "--no-color", "--no-cache", "--config", config] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Self.parse(String($0)) }
    }

    /// luacheck warnings that are errors here: a global set (the sandbox refuses it) or read that is not
    /// defined (always nil: a typo).
    static let errorCodes: Set<String> = ["W111", "W112", "W113"]

    /// `rules/a.lua:14:5-9: (W211) unused variable 'x'`.
    static func parse(_ line: String) -> Finding? {
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let number = Int(parts[1]) else { return nil }
        let column = Int(parts[2].split(separator: "-").first ?? "")
        var message = parts[3].trimmingCharacters(in: .whitespaces)
        var code: String?
        if message.hasPrefix("("), let close = message.firstIndex(of: ")") {
            code = String(message[message.index(after: message.startIndex)..<close])
            message = message[message.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }
        return Finding(file: parts[0], line: number, column: column, code: code, message: message,
                       isError: code.map(errorCodes.contains) ?? true || code?.hasPrefix("E") == true)
    }

    static func executable(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
