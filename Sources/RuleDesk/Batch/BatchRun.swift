import Foundation
import GRDB

/// One batch process, registered in `batch_runs` so that its claims can be told from those of a process
/// that died: a claim of a run whose process is gone (same host) or that has not been heard from for
/// `staleAfter` seconds (another host) is free again.
struct BatchRun {
    let id: Int64
    static let staleAfter: TimeInterval = 600

    static var host: String { ProcessInfo.processInfo.hostName }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Registers this process as a new run.
    static func start(in db: Database) throws -> BatchRun {
        try db.execute(sql: "INSERT INTO batch_runs (host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?)",
                       arguments: [host, Int(getpid()), now(), now()])
        return BatchRun(id: db.lastInsertedRowID)
    }

    /// Marks unfinished runs whose process is gone as abandoned, so their claims can be taken.
    static func abandonDeadRuns(in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, host, pid, heartbeat_at FROM batch_runs WHERE finished_at IS NULL")
        let formatter = ISO8601DateFormatter()
        for row in rows {
            let pid: Int32 = row["pid"]
            let sameHost = (row["host"] as String) == host
            let gone = sameHost ? (kill(pid, 0) != 0 && errno == ESRCH) : false
            let silent = formatter.date(from: row["heartbeat_at"]).map { Date().timeIntervalSince($0) > staleAfter } ?? true
            if gone || silent {
                try db.execute(sql: "UPDATE batch_runs SET finished_at = ?, outcome = 'abandoned' WHERE id = ?",
                               arguments: [now(), row["id"] as Int64])
            }
        }
    }

    func heartbeat(in db: Database) throws {
        try db.execute(sql: "UPDATE batch_runs SET heartbeat_at = ? WHERE id = ?", arguments: [Self.now(), id])
    }

    /// Ends the run and lets go of the tickets it still holds.
    func finish(_ outcome: String, in db: Database) throws {
        try db.execute(sql: "UPDATE tickets SET claim_run = NULL WHERE claim_run = ?", arguments: [id])
        try db.execute(sql: "UPDATE batch_runs SET finished_at = ?, outcome = ? WHERE id = ?",
                       arguments: [Self.now(), outcome, id])
    }
}
