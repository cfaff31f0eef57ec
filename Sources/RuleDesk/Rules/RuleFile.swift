import Crypto
import Foundation

/// The rule set on disk: the rules (`*.lua` files directly in a folder), the modules they `require`
/// (`lib/*.lua`) and the report scripts (`reports/*.lua`), in name order, and their version.
public struct RuleSet: Sendable {
    /// One file of the rule set.
    public struct File: Sendable, Equatable {
        /// The name inside the folder, e.g. `approval.lua`, or `lib/money.lua` for a module.
        public let name: String
        /// The path shown in messages, e.g. `rules/approval.lua`.
        public let path: String
        public let source: String

        /// What rules `require` a module by (`money` for `lib/money.lua`); nil for a rule.
        public var moduleName: String? { baseName(in: RuleSet.modulesFolder) }

        /// The report script's file name without `.lua` (`weekly` for `reports/weekly.lua`); nil for others.
        public var reportFile: String? { baseName(in: RuleSet.reportsFolder) }

        private func baseName(in folder: String) -> String? {
            guard name.hasPrefix(folder + "/") else { return nil }
            return String((name as NSString).lastPathComponent.dropLast(".lua".count))
        }
    }

    /// The folder of modules inside the rules folder.
    public static let modulesFolder = "lib"
    /// The folder of report scripts inside the rules folder: not rules, but part of the rule set's version, as
    /// published reports are reviewed like rules.
    public static let reportsFolder = "reports"

    /// The folder as the user named it, without a trailing slash.
    public let folder: String
    /// The rules and the modules, in name order.
    public let files: [File]
    /// SHA-256 of the files' names and contents, in hex: the rule set's version.
    public let version: String

    /// Reads the folder. Fails when it is missing, has no rules, or a file is not UTF-8 text.
    public init(folder: String) throws {
        var folder = folder
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        if folder.hasPrefix("./"), folder.count > 2 { folder.removeFirst(2) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleSetError.missingFolder(folder)
        }
        let rules = try Self.luaFiles(in: folder)
        guard !rules.isEmpty else { throw RuleSetError.empty(folder) }
        let modules = try Self.luaFiles(in: folder + "/" + Self.modulesFolder).map { Self.modulesFolder + "/" + $0 }
        let reports = try Self.luaFiles(in: folder + "/" + Self.reportsFolder).map { Self.reportsFolder + "/" + $0 }
        let names = (rules + modules + reports).sorted()
        let files = try names.map { name -> File in
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw RuleSetError.unreadable(path) }
            guard let source = String(data: data, encoding: .utf8) else { throw RuleSetError.notText(path) }
            return File(name: name, path: Self.displayPath(folder: folder, name: name), source: source)
        }
        self.init(folder: folder, files: files)
    }

    /// The rule files.
    public var rules: [File] { files.filter { $0.moduleName == nil && $0.reportFile == nil } }

    /// The modules, by name in order.
    public var modules: [File] { files.filter { $0.moduleName != nil } }

    /// The report scripts, by file name in order.
    public var reports: [File] { files.filter { $0.reportFile != nil } }

    /// The `*.lua` files directly in `folder` (none when it does not exist).
    private static func luaFiles(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { name in
            guard name.hasSuffix(".lua"), !name.hasPrefix(".") else { return false }
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// The path shown in messages: as given when short, else the folder's last part and the name
    /// (Lua cuts chunk names longer than about 60 characters).
    static func displayPath(folder: String, name: String) -> String {
        let full = folder + "/" + name
        return full.count <= 48 ? full : (folder as NSString).lastPathComponent + "/" + name
    }

    /// A rule set from files in memory (tests, a stored version).
    public init(folder: String, files: [File]) {
        self.folder = folder
        self.files = files
        var hash = SHA256()
        for file in files {
            hash.update(data: Data(file.name.utf8))
            hash.update(data: Data([0]))
            hash.update(data: Data(file.source.utf8))
            hash.update(data: Data([0]))
        }
        version = hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
