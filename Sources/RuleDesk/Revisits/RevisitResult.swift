import GRDB

/// One recorded visit of a household (回访记录) and the owner's rating.
public struct RevisitResult: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, SnakeCaseColumns {
    public static let databaseTableName = "revisit_results"

    /// The four ratings of the revisit form, from best to worst.
    public enum Rating: String, Codable, Sendable, CaseIterable {
        case satisfied, neutral, dissatisfied
        case severelyDissatisfied = "severely_dissatisfied"

        /// A rating that is a finding to handle (3.7.5.7).
        public var isFinding: Bool { self == .dissatisfied || self == .severelyDissatisfied }
    }

    /// How the visit was made.
    public static let modes: Set<String> = ["in_person", "phone"]

    public var id: Int64?
    public var communityId: Int64
    public var householdId: Int64
    public var visitedOn: LocalDate
    public var mode: String
    public var rating: Rating
    public var notes: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RevisitResult {
    /// A result from a CSV row `community,household,visited_on,mode,rating,notes`.
    init(row: RowReader, in db: Database) throws {
        let communityCode = try row.text("community")
        guard let community = try Community.filter(Column("code") == communityCode).fetchOne(db) else {
            throw row.fail("community", "unknown community '\(communityCode)'; import communities first")
        }
        let code = try row.text("household")
        guard let household = try Household.filter(Column("code") == code).fetchOne(db) else {
            throw row.fail("household", "unknown household '\(code)'; import households first")
        }
        guard household.communityId == community.id else {
            throw row.fail("household", "household '\(code)' is not in community '\(communityCode)'")
        }
        let mode = try row.text("mode")
        guard Self.modes.contains(mode) else {
            throw row.fail("mode", "'\(mode)' is not in_person or phone")
        }
        let ratingText = try row.text("rating")
        guard let rating = Rating(rawValue: ratingText) else {
            throw row.fail("rating", "'\(ratingText)' is not one of \(Rating.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(id: nil, communityId: community.id!, householdId: household.id!, visitedOn: try row.date("visited_on"),
                  mode: mode, rating: rating, notes: row.raw("notes"))
    }
}
