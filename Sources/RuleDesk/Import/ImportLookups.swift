import GRDB

/// What the rows of one import look up in the store, fetched once: communities and households by code, and the
/// next running ticket number of each year. Lives for one import, inside its transaction.
final class ImportLookups {
    private var communities: [String: Community] = [:]
    private var households: [String: Household]?
    private var lastNumbers: [Int: Int] = [:]

    func community(_ code: String, in db: Database) throws -> Community? {
        if let known = communities[code] { return known }
        let found = try Community.filter(Column("code") == code).fetchOne(db)
        communities[code] = found
        return found
    }

    /// The household of `code`; every household is read at the first call (a ticket file names many).
    func household(_ code: String, in db: Database) throws -> Household? {
        if households == nil {
            households = Dictionary(try Household.fetchAll(db).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return households?[code]
    }

    /// The next running number `KF-YYYY-NNNNNN` of `year` (``TicketNumber``), counting the numbers this import wrote.
    func nextTicketNumber(year: Int, in db: Database) throws -> String {
        let last = try lastNumbers[year] ?? TicketNumber.highest(year: year, in: db)
        lastNumbers[year] = last + 1
        return TicketNumber.format(year: year, last + 1)
    }

    /// Notes a number written by this import, so that the running numbers after it follow it.
    func wrote(ticketNumber number: String, year: Int) {
        guard let last = lastNumbers[year], let running = TicketNumber.running(number, year: year), running > last else { return }
        lastNumbers[year] = running
    }
}
