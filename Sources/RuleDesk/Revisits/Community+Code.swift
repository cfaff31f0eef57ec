import GRDB

extension Community {
    /// The community with `code`; an error naming the code when there is none.
    public static func coded(_ code: String, in db: Database) throws -> Community {
        guard let community = try Community.filter(Column("code") == code).fetchOne(db) else {
            throw RevisitError.unknownCommunity(code)
        }
        return community
    }
}
