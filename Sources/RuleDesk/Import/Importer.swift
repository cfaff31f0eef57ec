import Foundation
import GRDB

/// What `ruledesk import` reads.
public enum ImportKind: String, CaseIterable, Sendable {
    case communities, households, contractors, tickets, calendar, revisits, events

    /// The CSV header the kind expects.
    public var columns: [String] {
        switch self {
        case .communities: return ["code", "name", "completion_date", "handover_date", "households_total", "office"]
        case .households: return ["code", "community", "building", "unit", "room", "owner", "phone", "moved_in_on"]
        case .contractors: return ["code", "name", "deposit"]
        case .tickets:
            return ["number", "received_at", "channel", "community", "household", "cause", "kind", "component",
                    "trades", "complex", "estimated_cost", "households_affected", "hazard", "media",
                    "survey_date", "completed_at", "description"]
        case .calendar: return ["date", "kind", "name"]
        case .revisits: return ["community", "household", "visited_on", "mode", "rating", "notes"]
        case .events: return ["number", "event", "at", "until", "cost", "rating", "by", "note"]
        }
    }

    /// Columns a file may leave out of its header.
    var optionalColumns: Set<String> {
        switch self {
        case .tickets: return ["number"]
        case .events: return ["until", "cost", "rating", "by", "note"]
        case .communities: return ["office"]
        default: return []
        }
    }

    /// The column that identifies a row.
    var keyColumn: String {
        switch self {
        case .calendar: return "date"
        case .tickets: return "number"
        case .revisits: return "household"
        case .events: return "number"
        default: return "code"
        }
    }
}

/// Imports CSV files into a store, all or nothing: the first bad row aborts the import and nothing is written.
///
/// Communities, households, contractors and calendar days are reference data: a row whose code (or date)
/// exists already updates it. Tickets and revisit results are records: a ticket number that exists already
/// is an error.
public struct Importer: Sendable {
    public let store: Store
    public let settings: Settings

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
    }

    /// Imports `file` as `kind` and returns how many rows were written.
    @discardableResult
    public func run(_ kind: ImportKind, file: String) throws -> Int {
        try run(kind, try CSVFile(path: file, columns: kind.columns, optional: kind.optionalColumns))
    }

    /// Imports the CSV text `data` as `kind`, naming it `name` in errors.
    @discardableResult
    public func run(_ kind: ImportKind, data: Data, named name: String) throws -> Int {
        try run(kind, try CSVFile(data: data, path: name, columns: kind.columns, optional: kind.optionalColumns))
    }

    private func run(_ kind: ImportKind, _ csv: CSVFile) throws -> Int {
        if kind == .events { return try EventImport(store: store, settings: settings).run(csv) }
        let file = csv.path
        return try store.write { db in
            var seen = Set<String>()
            for row in csv.rows {
                let reader = RowReader(file: file, row: row, kind: kind)
                let key = try importRow(kind, reader, db)
                guard seen.insert(key).inserted else {
                    throw reader.fail(kind.keyColumn, "'\(key)' appears twice in this file")
                }
            }
            return csv.rows.count
        }
    }

    /// Writes one record from its CSV fields (the tests' `community{…}`, `evaluate{…}`); returns its key.
    /// `source` and `line` name it in errors.
    @discardableResult
    public func insert(_ kind: ImportKind, fields: [String: String], source: String, line: Int) throws -> String {
        let reader = RowReader(file: source, row: CSVFile.Row(line: line, fields: fields), kind: kind)
        for column in fields.keys where !kind.columns.contains(column) {
            throw reader.fail(column, "unknown field; the fields are \(kind.columns.joined(separator: ", "))")
        }
        return try store.write { db in try importRow(kind, reader, db) }
    }

    /// Writes one row; returns its key (code, number or date).
    private func importRow(_ kind: ImportKind, _ row: RowReader, _ db: Database) throws -> String {
        switch kind {
        case .communities:
            var community = Community(
                id: nil, code: try row.text("code"), name: try row.text("name"),
                completionDate: try row.date("completion_date"), handoverDate: try row.optionalDate("handover_date"),
                householdsTotal: try row.integer("households_total", default: 0, minimum: 0),
                office: row.raw("office"))
            let stored = try Community.filter(Column("code") == community.code).fetchOne(db)
            community.id = stored?.id
            // A file without the column keeps each stored community's office.
            if !row.has("office"), let stored { community.office = stored.office }
            try community.save(db)
            return community.code
        case .households:
            let communityCode = try row.text("community")
            guard let community = try Community.filter(Column("code") == communityCode).fetchOne(db) else {
                throw row.fail("community", "unknown community '\(communityCode)'; import communities first")
            }
            var household = Household(
                id: nil, code: try row.text("code"), communityId: community.id!,
                building: row.raw("building"), unit: row.raw("unit"), room: row.raw("room"),
                owner: row.raw("owner"), phone: try row.phone("phone"), movedInOn: try row.optionalDate("moved_in_on"))
            household.id = try Household.filter(Column("code") == household.code).fetchOne(db)?.id
            try household.save(db)
            return household.code
        case .contractors:
            var contractor = Contractor(
                id: nil, code: try row.text("code"), name: try row.text("name"),
                deposit: try row.optionalAmount("deposit") ?? 0)
            contractor.id = try Contractor.filter(Column("code") == contractor.code).fetchOne(db)?.id
            try contractor.save(db)
            return contractor.code
        case .calendar:
            let kindText = try row.text("kind")
            guard let dayKind = CalendarDay.Kind(rawValue: kindText) else {
                throw row.fail("kind", "'\(kindText)' is not off (a public holiday) or work (a worked weekend day)")
            }
            let day = CalendarDay(date: try row.date("date"), kind: dayKind, name: row.raw("name"))
            try day.save(db)
            return day.date.description
        case .tickets:
            var ticket = try TicketFields(row: row, settings: settings).ticket(in: db)
            try ticket.insert(db)
            return ticket.number
        case .revisits:
            var result = try RevisitResult(row: row, in: db)
            try result.insert(db)
            return row.raw("household") + " on " + result.visitedOn.description
        case .events:
            throw row.fail("event", "events are recorded with `ruledesk import events FILE` or `ruledesk record`")
        }
    }
}
