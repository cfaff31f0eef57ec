import GRDB

/// One row of `publications`: a rule version put into force, by whom, when and why, with what the review found.
public struct Publication: Sendable, Equatable {
    /// A new version, or an earlier one put back.
    public enum Kind: String, Sendable {
        case publish, rollback
    }

    /// 1 for the first publication of the database, then 2, 3, …
    public let sequence: Int
    public let version: String
    /// The version in force before it (nil for the first).
    public let replaces: String?
    public let kind: Kind
    public let publishedBy: String
    public let publishedAt: String
    public let note: String
    public let review: ReleaseReview.Summary

    init(row: Row) {
        sequence = row["sequence"]
        version = row["version"]
        replaces = row["replaces"]
        kind = Kind(rawValue: row["kind"]) ?? .publish
        publishedBy = row["published_by"]
        publishedAt = row["published_at"]
        note = row["note"]
        review = ReleaseReview.Summary(check: row["check_summary"], tests: row["test_summary"], diff: row["diff_summary"])
    }

    init(sequence: Int, version: String, replaces: String?, kind: Kind, publishedBy: String, publishedAt: String,
         note: String, review: ReleaseReview.Summary) {
        self.sequence = sequence
        self.version = version
        self.replaces = replaces
        self.kind = kind
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
        self.note = note
        self.review = review
    }

    /// `#3 058daa022a85 published by 王芳 at 2026-11-29T14:40:09Z: raise the tier-1 limit`.
    public var line: String {
        "#\(sequence) \(version.prefix(12)) \(kind == .rollback ? "rolled back" : "published") by \(publishedBy) at \(publishedAt): \(note)"
    }
}
