import Foundation
import GRDB

/// A row of `decisions` read back: every reader of the stored results and trace goes through ``fetchAll(_:ticketId:)``.
public struct StoredDecision: Sendable {
    public let id: Int64
    public let ticketId: Int64
    public let evaluatedAt: String
    public let rulesVersion: String
    /// The event the decision followed; nil for the batch's.
    public let eventId: Int64?
    /// The results and trace, as the batch wrote them.
    public let texts: DecisionTexts

    /// The decisions of the ticket `ticketId` (of every ticket when nil), oldest first.
    public static func fetchAll(_ db: Database, ticketId: Int64? = nil) throws -> [StoredDecision] {
        var decompressors: [Int64: DecisionDecompressor] = [:]
        return try Row.fetchAll(db, sql: """
            SELECT d.id, d.ticket_id, d.evaluated_at, d.version_id, v.version, d.event_id, d.results_bytes, d.texts
            FROM decisions d JOIN decision_versions v ON v.id = d.version_id
            \(ticketId == nil ? "" : "WHERE d.ticket_id = ?") ORDER BY d.id
            """, arguments: StatementArguments(ticketId.map { [$0] } ?? [])).map { row in
            let versionId: Int64 = row["version_id"]
            let decompressor = try decompressors[versionId] ?? DecisionVersions.decompressor(versionId, in: db)
            decompressors[versionId] = decompressor
            return StoredDecision(id: row["id"], ticketId: row["ticket_id"], evaluatedAt: row["evaluated_at"],
                                  rulesVersion: row["version"], eventId: row["event_id"],
                                  texts: try decompressor.decompress(row["texts"], resultsBytes: row["results_bytes"]))
        }
    }
}

/// The rule versions decisions were made under (`decision_versions`): each a number for `decisions.version_id`, with
/// the dictionary its decisions are compressed against.
enum DecisionVersions {
    /// The dictionary of `version`, nil while no decision was stored under it.
    static func kept(_ version: String, in db: Database) throws -> DecisionDictionary? {
        try row(of: version, in: db).map { DecisionDictionary($0.bytes) }
    }

    /// The number of `version` and its dictionary; a version without decisions yet gets its row here, with the
    /// dictionary `first` makes. Of `known`, one with the same bytes as the version's is returned instead of a new
    /// one, so that what was compressed against it stays valid.
    static func dictionary(for version: String, first: () throws -> DecisionDictionary, reusing known: [DecisionDictionary],
                           in db: Database) throws -> (id: Int64, dictionary: DecisionDictionary) {
        if let (id, bytes) = try row(of: version, in: db) {
            return (id, known.first { $0.bytes == bytes } ?? DecisionDictionary(bytes))
        }
        let dictionary = try first()
        try db.execute(sql: "INSERT INTO decision_versions (version, dictionary) VALUES (?, ?)",
                       arguments: [version, dictionary.bytes])
        return (db.lastInsertedRowID, dictionary)
    }

    private static func row(of version: String, in db: Database) throws -> (id: Int64, bytes: Data)? {
        try Row.fetchOne(db, sql: "SELECT id, dictionary FROM decision_versions WHERE version = ?",
                         arguments: [version]).map { ($0["id"], $0["dictionary"]) }
    }

    /// A decompressor with the dictionary of version number `id`.
    static func decompressor(_ id: Int64, in db: Database) throws -> DecisionDecompressor {
        guard let dictionary = try Data.fetchOne(db, sql: "SELECT dictionary FROM decision_versions WHERE id = ?",
                                                 arguments: [id]) else {
            throw DecisionTextsError(message: "a stored decision names rule version number \(id), which is not kept")
        }
        return DecisionDecompressor(dictionary: dictionary)
    }
}
