import Crypto
import Foundation
import GRDB

/// The text of every rule-set version the database has used, each file stored once, so that an old decision
/// can be re-run and explained after the files have changed.
public enum RuleArchive {
    /// Keeps the rule set's files (a no-op when the version is known).
    public static func remember(_ ruleSet: RuleSet, in db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_versions WHERE version = ?", arguments: [ruleSet.version]) == 0
        else { return }
        try db.execute(sql: "INSERT INTO rule_versions (version, folder, first_seen) VALUES (?, ?, ?)",
                       arguments: [ruleSet.version, ruleSet.folder, Timestamp.nowText()])
        for file in ruleSet.files {
            let hash = SHA256.hash(data: Data(file.source.utf8)).map { String(format: "%02x", $0) }.joined()
            try db.execute(sql: "INSERT OR IGNORE INTO rule_files (hash, source) VALUES (?, ?)", arguments: [hash, file.source])
            try db.execute(sql: "INSERT INTO rule_version_files (version, name, file_hash) VALUES (?, ?, ?)",
                           arguments: [ruleSet.version, file.name, hash])
        }
    }

    /// The full version a prefix names, among the versions with decisions or kept files.
    public static func resolve(_ prefix: String, in db: Database) throws -> String? {
        let matches = try String.fetchAll(db, sql: """
            SELECT version FROM rule_versions WHERE version LIKE ? || '%'
            UNION SELECT version FROM decision_versions WHERE version LIKE ? || '%'
            """, arguments: [prefix.lowercased(), prefix.lowercased()])
        guard matches.count <= 1 else { throw HistoryError.ambiguousVersion(prefix, matches) }
        return matches.first
    }

    /// The kept rule set of a version, named `rules@HASH12` in messages; nil when its files were not kept.
    public static func ruleSet(version: String, in db: Database) throws -> RuleSet? {
        let rows = try Row.fetchAll(db, sql: """
            SELECT v.name, f.source FROM rule_version_files v JOIN rule_files f ON f.hash = v.file_hash
            WHERE v.version = ? ORDER BY v.name
            """, arguments: [version])
        guard !rows.isEmpty else { return nil }
        let folder = "rules@" + version.prefix(12)
        let ruleSet = RuleSet(folder: folder, files: rows.map {
            RuleSet.File(name: $0["name"], path: folder + "/" + ($0["name"] as String), source: $0["source"])
        })
        guard ruleSet.version == version else { throw HistoryError.corruptVersion(version) }
        return ruleSet
    }

    /// One line of `ruledesk rules log`.
    public struct VersionUse: Sendable, Equatable {
        public let version: String
        public let firstUse: String?
        public let lastUse: String?
        public let decisions: Int
        /// Whether the files are kept (the version can be re-run).
        public let kept: Bool
    }

    /// Every version the database has seen, oldest first (by first decision; within one second, by the order
    /// of the decisions).
    public static func log(in db: Database) throws -> [VersionUse] {
        try Row.fetchAll(db, sql: """
            SELECT v.version, min(d.evaluated_at) AS first_use, max(d.evaluated_at) AS last_use, count(d.id) AS decisions,
                   EXISTS (SELECT 1 FROM rule_versions k WHERE k.version = v.version) AS kept
            FROM (SELECT version FROM rule_versions UNION SELECT version FROM decision_versions) v
            LEFT JOIN decision_versions n ON n.version = v.version LEFT JOIN decisions d ON d.version_id = n.id
            GROUP BY v.version ORDER BY coalesce(min(d.evaluated_at), '9999'), min(d.id), v.version
            """).map {
            VersionUse(version: $0["version"], firstUse: $0["first_use"], lastUse: $0["last_use"],
                       decisions: $0["decisions"], kept: $0["kept"])
        }
    }
}

/// Why a history question has no answer.
public enum HistoryError: Error, Equatable, CustomStringConvertible {
    case ambiguousVersion(String, [String])
    case unknownVersion(String)
    case corruptVersion(String)
    case unknownTicket(String, [String])
    case noDecision(String)
    case noDecisionUnder(String, String)
    case notKept(String)

    public var description: String {
        switch self {
        case .ambiguousVersion(let prefix, let versions):
            return "version \(prefix) is ambiguous: \(versions.map { String($0.prefix(12)) }.joined(separator: ", ")); give more digits"
        case .unknownVersion(let prefix):
            return "no rule version \(prefix) in the database; `ruledesk rules log` lists them"
        case .corruptVersion(let version):
            return "the kept files of version \(version.prefix(12)) do not hash to it; the database was changed by hand"
        case .unknownTicket(let ticket, let near):
            return "no ticket \(ticket)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?")
        case .noDecision(let ticket):
            return "ticket \(ticket) has no recorded decision yet; run `ruledesk batch`, or `ruledesk eval \(ticket)` to see one"
        case .noDecisionUnder(let ticket, let version):
            return "ticket \(ticket) has no decision under version \(version.prefix(12)); `ruledesk history \(ticket)` lists its decisions"
        case .notKept(let version):
            return "the files of version \(version.prefix(12)) were not kept, so it cannot be re-run"
        }
    }
}
