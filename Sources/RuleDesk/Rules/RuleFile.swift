import Crypto
import Foundation

/// The rule set on disk: the `*.lua` files directly in a folder, in name order, and their version.
public struct RuleSet: Sendable {
    /// One file of the rule set.
    public struct File: Sendable, Equatable {
        /// The name inside the folder, e.g. `approval.lua`.
        public let name: String
        /// The path shown in messages, e.g. `rules/approval.lua`.
        public let path: String
        public let source: String
    }

    /// The folder as the user named it, without a trailing slash.
    public let folder: String
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
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }
            .sorted()
        guard !names.isEmpty else { throw RuleSetError.empty(folder) }
        let files = try names.map { name -> File in
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw RuleSetError.unreadable(path) }
            guard let source = String(data: data, encoding: .utf8) else { throw RuleSetError.notText(path) }
            return File(name: name, path: Self.displayPath(folder: folder, name: name), source: source)
        }
        self.init(folder: folder, files: files)
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
