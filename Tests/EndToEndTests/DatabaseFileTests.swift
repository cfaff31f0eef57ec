import Foundation
import GRDB
import RuleDesk
import TemporaryFolders
import Testing

/// Files given as `--db` that are not ruledesk databases, are read-only, or come from a newer ruledesk.
@Suite(.removesTemporaryFolders) struct DatabaseFileTests {
    /// Commands with what they need besides `--db`.
    static let readingCommands: [[String]] = [
        ["eval", "KF-2026-000014"], ["history", "KF-2026-000014"], ["explain", "KF-2026-000014"],
        ["diff", "--rules", "rules"], ["revisit", "status"], ["rules", "log"], ["batch", "--dry-run"],
    ]
    static let writingCommands: [[String]] = [["batch"], ["import", "calendar", Binary.samples + "/calendar.csv"]]

    /// The bytes of every file in `folder`, by name (SQLite may leave its empty `-wal` and `-shm` files beside a
    /// database in WAL mode that it only read).
    private func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "rules" {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }

    @Test(arguments: ["unrelated", "own tickets table", "0 bytes", "text"])
    func aFileThatIsNotOursIsRefusedAndLeftAsItWas(kind: String) throws {
        let folder = try Binary.workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/other.db"
        switch kind {
        case "unrelated", "own tickets table":
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: kind == "unrelated" ? "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')"
                                                        : "CREATE TABLE tickets (number TEXT); INSERT INTO tickets VALUES ('A1')")
            }
            try queue.close()
        case "0 bytes":
            try Data().write(to: URL(fileURLWithPath: path))
        default:
            try "not a database\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        let before = try snapshot(folder)
        for command in Self.readingCommands + Self.writingCommands {
            let result = try Binary.run(command + ["--db", "other.db"], in: folder)
            #expect(result.status == 1, "\(kind) \(command): \(result.stdout)")
            let expected = kind == "0 bytes" ? "other.db is empty, not a ruledesk database: nothing was changed"
                                             : "other.db is not a ruledesk database"
            #expect(result.stderr.contains(expected), "\(kind) \(command): \(result.stderr)")
            #expect(try snapshot(folder) == before, "\(kind) \(command) changed the folder")
        }
        let initialised = try Binary.run(["init", "--db", "other.db"], in: folder)
        if kind == "0 bytes" {
            #expect(initialised.status == 0, "\(initialised.stderr)")
        } else {
            #expect(initialised.status == 1 && initialised.stderr.contains("not a ruledesk database"), "\(initialised.stderr)")
            #expect(try snapshot(folder) == before)
        }
    }

    @Test func aDatabaseFromANewerRuleDeskIsRefusedAndLeftAsItWas() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let queue = try DatabaseQueue(path: folder + "/ruledesk.db")
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: kept for later')") }
        try queue.close()
        let before = try snapshot(folder)["ruledesk.db"]
        for command in Self.readingCommands + Self.writingCommands + [["init"]] {
            let result = try Binary.run(command, in: folder)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("ruledesk.db was made by a newer ruledesk (it has the change 'v99: kept for later'"),
                    "\(command): \(result.stderr)")
            #expect(try snapshot(folder)["ruledesk.db"] == before, "\(command) changed the database")
        }
    }

    @Test func readingCommandsRefuseADatabaseOfAnOlderRuleDeskAndSayHowToUpdateIt() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let queue = try DatabaseQueue(path: folder + "/ruledesk.db")
        let last = try queue.write { db -> String in
            let last = try String.fetchOne(db, sql: "SELECT max(identifier) FROM grdb_migrations")!
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last])
            return last
        }
        try queue.close()
        let before = try snapshot(folder)["ruledesk.db"]
        let result = try Binary.run(["eval", "KF-2026-000014"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("was made by an older ruledesk (it lacks the change '\(last)')"), "\(result.stderr)")
        #expect(result.stderr.contains("ruledesk init --db ruledesk.db"))
        #expect(try snapshot(folder)["ruledesk.db"] == before)
    }

    @Test func readingCommandsWorkOnAFileWithoutWritePermission() throws {
        let folder = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Binary.run(["batch"], in: folder).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/ruledesk.db")
        let before = try snapshot(folder)
        for command in Self.readingCommands {
            let result = try Binary.run(command, in: folder)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let console = try Binary.run(["repl"], in: folder, input: "ticket(\"KF-2026-000014\").number\n")
        #expect(console.status == 0 && console.stdout.contains("KF-2026-000014"), "\(console.stdout)\(console.stderr)")
        #expect(try snapshot(folder)["ruledesk.db"] == before["ruledesk.db"])
    }
}

/// A database on a read-only disk (a small tmpfs of the test's own, remounted read-only; needs root).
@Suite(.serialized, .removesTemporaryFolders, .enabled(if: Disk.canMount, "mounting a tmpfs needs root"))
struct ReadOnlyDiskDatabaseTests {
    @Test func readingCommandsWorkOnAReadOnlyDisk() throws {
        let disk = try Disk(megabytes: 8)
        defer { disk.remove() }
        let world = try Binary.sampleWorld()
        defer { try? FileManager.default.removeItem(atPath: world) }
        #expect(try Binary.run(["batch"], in: world).status == 0)
        try FileManager.default.copyItem(atPath: world + "/ruledesk.db", toPath: disk.path + "/ruledesk.db")
        try disk.remountReadOnly()
        for command in DatabaseFileTests.readingCommands {
            let result = try Binary.run(command + ["--db", disk.path + "/ruledesk.db"], in: world)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let console = try Binary.run(["repl", "--db", disk.path + "/ruledesk.db"], in: world, input: "ticket(\"KF-2026-000014\").number\n")
        #expect(console.status == 0 && console.stdout.contains("KF-2026-000014"), "\(console.stdout)\(console.stderr)")
        let batch = try Binary.run(["batch", "--db", disk.path + "/ruledesk.db"], in: world)
        #expect(batch.status == 1 && batch.stderr.contains("read-only"), "\(batch.stderr)")
    }
}
