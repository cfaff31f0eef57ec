import GRDB

extension RevisitResult {
    /// A result from a CSV row `community,household,visited_on,mode,rating,notes`.
    init(row: RowReader, lookups: ImportLookups, in db: Database) throws {
        let communityCode = try row.text("community")
        guard let community = try lookups.community(communityCode, in: db) else {
            throw row.fail("community", "unknown community '\(communityCode)'; import communities first")
        }
        let code = try row.text("household")
        guard let household = try lookups.household(code, in: db) else {
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
