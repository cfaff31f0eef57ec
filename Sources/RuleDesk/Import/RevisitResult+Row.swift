import GRDB

extension RevisitResult {
    /// A result from a CSV row `community,household,visited_on,mode,rating,notes`.
    init(row: RowReader, lookups: ImportLookups, in db: Database) throws {
        let communityCode = try row.text("community")
        guard let community = try lookups.community(communityCode, in: db) else {
            throw row.fail("community", .unknownCommunity(communityCode))
        }
        let code = try row.text("household")
        guard let household = try lookups.household(code, in: db) else {
            throw row.fail("household", .unknownHousehold(code))
        }
        guard household.communityId == community.id else {
            throw row.fail("household", .householdNotInCommunity(code, community: communityCode))
        }
        let mode = try row.text("mode")
        guard Self.modes.contains(mode) else {
            throw row.fail("mode", .notAMode(mode))
        }
        let ratingText = try row.text("rating")
        guard let rating = Rating(rawValue: ratingText) else {
            throw row.fail("rating", .notARating(ratingText))
        }
        self.init(id: nil, communityId: community.id!, householdId: household.id!, visitedOn: try row.date("visited_on"),
                  mode: mode, rating: rating, notes: row.raw("notes"))
    }
}
