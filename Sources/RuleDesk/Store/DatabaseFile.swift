import Foundation
import GRDB

/// What a file given as a database holds, found by reading it only: nothing is written to a file that
/// turns out not to be ours.
enum DatabaseFile: Equatable {
    /// 0 bytes, or an SQLite database without any table: a new database may be made in it.
    case empty
    /// A ruledesk database, with the migrations it has had.
    case ruledesk(applied: [String])
    /// Something else, and what it is.
    case foreign(String)

    /// Reads what `path` holds (the file must exist).
    static func inspect(_ path: String) throws -> DatabaseFile {
        do {
            let queue = try DatabaseQueue(path: readOnlyLocation(path), configuration: readOnlyConfiguration)
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                guard !tables.isEmpty else { return .empty }
                guard tables.contains("grdb_migrations"),
                      let applied = try? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                      let first = Migrations.migrator.migrations.first, applied.contains(first) else {
                    let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                    return .foreign("an SQLite database of another program, with the tables \(shown)")
                }
                return .ruledesk(applied: applied)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .foreign("not an SQLite database")
        }
    }

    /// The connection settings for reading only.
    static var readOnlyConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return configuration
    }

    /// Where SQLite opens `path` for reading: the file itself, or, when its folder cannot be written (a
    /// read-only disk) and holds no shared-memory index of a writer, the file as immutable, so that SQLite
    /// needs no lock or index file beside it.
    static func readOnlyLocation(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-shm") else {
            return path
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["?", "#", "%"]))
        return "file:" + (escaped ?? absolute) + "?immutable=1"
    }

    /// Whether the file and its folder may be written.
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
    }
}
