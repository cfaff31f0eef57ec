import Foundation
import LuaRuntime
@testable import RuleDesk
import TemporaryFolders

/// Throw-away folders, stores and rule sets for the tests.
enum Fixtures {
    static let shanghai = Settings(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    /// The project's root (for samples/ and rules/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A new empty folder, removed when the test ends (its suite has the `.removesTemporaryFolders` trait).
    static func temporaryFolder() throws -> String {
        try TemporaryFolder.make("ruledesk-tests-")
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A store with one community T01 (completed 2024-02-29), household T01-1-101 and the 2024–2026 calendar.
    static func store() throws -> Store {
        let store = try Store()
        let importer = Importer(store: store, settings: shanghai)
        try importer.run(.calendar, file: root + "/samples/calendar.csv")
        try importer.insert(.communities, fields: [
            "code": "T01", "name": "测试小区", "completion_date": "2024-02-29", "households_total": "10",
        ], source: "test", line: 1)
        try importer.insert(.households, fields: [
            "code": "T01-1-101", "community": "T01", "building": "1", "unit": "1", "room": "101",
            "owner": "张三", "phone": "13800000001", "moved_in_on": "2024-06-01",
        ], source: "test", line: 1)
        return store
    }

    /// A store with the sample records (`samples/*.csv`, revisits aside).
    static func samples() throws -> Store {
        let store = try Store()
        let importer = Importer(store: store, settings: shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: root + "/samples/\(kind.rawValue).csv")
        }
        return store
    }

    /// Stores a ticket and returns its case.
    static func ticket(_ store: Store, _ fields: [String: String]) throws -> TicketCase {
        var all = ["received_at": "2026-03-02T10:00:00+08:00", "community": "T01", "cause": "other",
                   "kind": "repair", "channel": "cs"]
        all.merge(fields) { _, new in new }
        let number = try Importer(store: store, settings: shanghai).insert(.tickets, fields: all, source: "test", line: 1)
        return try store.read { try TicketCase.load(number: number, from: $0)! }
    }

    /// A rule set in a new folder from file name → source.
    static func ruleSet(_ files: [String: String]) throws -> RuleSet {
        let folder = try temporaryFolder() + "/rules"
        for (name, source) in files { try write(source, to: folder + "/" + name) }
        return try RuleSet(folder: folder)
    }

    /// A one-rule rule set whose `evaluate` body is `body`, declaring `outputs`.
    static func rule(_ body: String, outputs: String = "{ value = \"any\" }", name: String = "probe") throws -> RuleSet {
        try ruleSet([
            "\(name).lua": """
            return {
              name = "\(name)",
              outputs = \(outputs),
              evaluate = function(ticket, ctx)
                \(body)
              end,
            }
            """,
        ])
    }

    static func engine(_ ruleSet: RuleSet, _ store: Store, limits: LuaLimits = LuaLimits()) throws -> RuleEngine {
        try RuleEngine(ruleSet: ruleSet, store: store, settings: shanghai, limits: limits)
    }
}

extension Fixtures {
    /// `text` in GB18030, as Chinese Excel saves CSV, converted by the system's `iconv` (not by the code under test).
    static func gb18030(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
        return data
    }
}
