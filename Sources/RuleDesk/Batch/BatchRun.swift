import Foundation
import GRDB

/// One batch process, registered in `batch_runs` so that its claims can be told from those of a process
/// that died: a claim of a run whose process is gone (same host: no such pid, or a pid that now belongs to a
/// process started at another time) or that has not been heard from for `staleAfter` seconds is free again.
struct BatchRun {
    let id: Int64
    static let staleAfter: TimeInterval = 600

    static var host: String { ProcessInfo.processInfo.hostName }

    /// Registers this process as a new run.
    static func start(in db: Database) throws -> BatchRun {
        try db.execute(sql: """
            INSERT INTO batch_runs (host, pid, process_start, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [host, Int(getpid()), processStart(getpid()), Timestamp.nowText(), Timestamp.nowText()])
        return BatchRun(id: db.lastInsertedRowID)
    }

    /// Marks unfinished runs whose process is gone as abandoned, so their claims can be taken.
    static func abandonDeadRuns(in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, host, pid, process_start, heartbeat_at FROM batch_runs WHERE finished_at IS NULL
            """)
        let now = Int(Date().timeIntervalSince1970)
        for row in rows {
            let pid: Int32 = row["pid"]
            let sameHost = (row["host"] as String) == host
            let start: String? = row["process_start"]
            let gone = sameHost && ((kill(pid, 0) != 0 && errno == ESRCH) || (start != nil && processStart(pid) != start))
            let silent = Timestamp(row["heartbeat_at"]).map { TimeInterval(now - $0.secondsSinceEpoch) > staleAfter } ?? true
            if gone || silent {
                try db.execute(sql: "UPDATE batch_runs SET finished_at = ?, outcome = 'abandoned' WHERE id = ?",
                               arguments: [Timestamp.nowText(), row["id"] as Int64])
            }
        }
    }

    /// When a process started (Linux: field 22 of `/proc/PID/stat`, in clock ticks since boot), to tell a
    /// reused pid from the process that registered; nil where that is not known.
    static func processStart(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }

    func heartbeat(in db: Database) throws {
        try db.execute(sql: "UPDATE batch_runs SET heartbeat_at = ? WHERE id = ?", arguments: [Timestamp.nowText(), id])
    }

    /// Ends the run and lets go of the tickets it still holds.
    func finish(_ outcome: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM ticket_claims WHERE run = ?", arguments: [id])
        try db.execute(sql: "UPDATE batch_runs SET finished_at = ?, outcome = ? WHERE id = ?",
                       arguments: [Timestamp.nowText(), outcome, id])
    }
}
