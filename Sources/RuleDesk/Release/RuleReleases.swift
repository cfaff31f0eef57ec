import Foundation
import GRDB

/// The publications of a database: which rule version is in force (the latest publication; a rollback is a
/// publication of an earlier version), putting a version into force, and the published files.
///
/// ```swift
/// let inForce = try store.read { try RuleReleases.inForce(in: $0) }
/// try store.write { try RuleReleases.publish(ruleSet, kind: .publish, by: "王芳", note: "…", review: summary,
///                                            expecting: inForce?.version, in: $0) }
/// ```
public enum RuleReleases {
    /// The latest publication, or nil when nothing was published yet.
    public static func inForce(in db: Database) throws -> Publication? {
        try Row.fetchOne(db, sql: "SELECT * FROM publications ORDER BY sequence DESC LIMIT 1").map(Publication.init(row:))
    }

    /// Every publication, oldest first.
    public static func log(in db: Database) throws -> [Publication] {
        try Row.fetchAll(db, sql: "SELECT * FROM publications ORDER BY sequence").map(Publication.init(row:))
    }

    /// Puts `ruleSet` into force, keeping its files, if the version in force is still `expecting` (the one the
    /// review compared against); otherwise refuses, so that of two racing publications exactly one wins.
    /// Call it inside one write transaction (``Store/write(_:)`` is one).
    @discardableResult
    public static func publish(_ ruleSet: RuleSet, kind: Publication.Kind, by: String, note: String,
                               review: ReleaseReview.Summary, expecting: String?, in db: Database) throws -> Publication {
        let current = try inForce(in: db)
        guard current?.version == expecting else { throw ReleaseError.raced(expected: expecting, found: current) }
        if let current, current.version == ruleSet.version { throw ReleaseError.alreadyInForce(current) }
        try RuleArchive.remember(ruleSet, in: db)
        let publication = Publication(sequence: (current?.sequence ?? 0) + 1, version: ruleSet.version,
                                      replaces: current?.version, kind: kind, publishedBy: by,
                                      publishedAt: Timestamp.nowText(), note: note, review: review)
        try db.execute(sql: """
            INSERT INTO publications (sequence, version, replaces, kind, published_by, published_at, note,
                                      check_summary, test_summary, diff_summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [publication.sequence, publication.version, publication.replaces, kind.rawValue, by,
                             publication.publishedAt, note, review.check, review.tests, review.diff])
        return publication
    }

    /// The full version of a published version given by 8 or more of its first hex digits.
    public static func resolve(_ prefix: String, in db: Database) throws -> String {
        let digits = prefix.lowercased()
        guard digits.count >= 8, digits.allSatisfy(\.isHexDigit) else { throw ReleaseError.shortPrefix(prefix) }
        let matches = try String.fetchAll(db, sql: "SELECT DISTINCT version FROM publications WHERE version LIKE ? || '%'",
                                          arguments: [digits])
        guard matches.count <= 1 else { throw ReleaseError.ambiguous(prefix, matches) }
        guard let version = matches.first else { throw ReleaseError.neverPublished(prefix) }
        return version
    }

    /// The files of a published version, named `published 058daa022a85/approval.lua` in messages.
    public static func ruleSet(version: String, in db: Database) throws -> RuleSet {
        guard let kept = try RuleArchive.ruleSet(version: version, in: db) else { throw HistoryError.notKept(version) }
        let label = "published " + version.prefix(12)
        return RuleSet(folder: "published", files: kept.files.map {
            RuleSet.File(name: $0.name, path: label + "/" + $0.name, source: $0.source)
        })
    }

    /// The latest publication and its files; fails, saying how to publish, when nothing is published.
    public static func inForceWithFiles(in db: Database) throws -> (publication: Publication, ruleSet: RuleSet) {
        guard let publication = try inForce(in: db) else { throw ReleaseError.nothingPublished }
        return (publication, try ruleSet(version: publication.version, in: db))
    }
}
