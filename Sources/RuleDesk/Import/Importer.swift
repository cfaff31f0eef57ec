import Foundation
import GRDB

/// What `ruledesk import` reads.
public enum ImportKind: String, CaseIterable, Sendable {
    case communities, households, contractors, tickets, calendar, revisits, events

    /// The header the kind expects (README: each column's Chinese names, which a header may use instead).
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

    /// Columns a file may leave out: a ticket without `number` gets the next running number.
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

/// Imports CSV and Excel files into a store, all or nothing: every row is checked, and when any is bad the
/// import fails with all of them (``ImportFailure``) and nothing is written.
///
/// Communities, households, contractors and calendar days are reference data: a row whose code (or date)
/// exists already updates it. Tickets and revisit results are records: a ticket number that exists already
/// is an error.
///
/// ```swift
/// let report = try Importer(store: store, settings: settings).run(.tickets, file: "工单.csv")
/// print(report.rows, report.ignoredColumns)
/// ```
public struct Importer: Sendable {
    public let store: Store
    public let settings: Settings
    /// The values ticket fields may take (the rules'); ``Vocabulary/none`` takes every value as written.
    public var vocabulary: Vocabulary = .none

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
    }

    /// Imports `file` as `kind`: an Excel workbook (`.xlsx`, told by its content) or a CSV file.
    /// - throws: ``ImportError`` when the file or its header cannot be read, ``ImportFailure`` with every bad row.
    @discardableResult
    public func run(_ kind: ImportKind, file: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let started = Date()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ImportError(file: file, line: nil, column: nil, problem: .cannotRead)
        }
        return try run(kind, data: data, named: file, options: options, started: started)
    }

    /// Imports the CSV text or workbook `data` as `kind`, naming it `name` in errors.
    @discardableResult
    public func run(_ kind: ImportKind, data: Data, named name: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try run(kind, data: data, named: name, options: options, started: Date())
    }

    private func run(_ kind: ImportKind, data: Data, named name: String, options: ImportOptions, started: Date) throws -> ImportReport {
        let source = try SourceFile.table(data, path: name, options: options)
        let table = try ImportTable(source, path: name, kind: kind, strict: options.strict)
        let events = kind == .events ? try EventImport(store: store, settings: settings) : nil
        let written: Int
        do {
            written = try store.write { db in
                let count = try write(kind, table, db, events: events, options: options, started: started)
                if options.dryRun { throw DryRun(rows: count) }
                return count
            }
        } catch let dryRun as DryRun {
            written = dryRun.rows
        }
        return ImportReport(rows: written, ignoredColumns: table.ignored, encoding: source.encoding, dryRun: options.dryRun,
                            seconds: Date().timeIntervalSince(started))
    }

    /// Thrown to roll a dry run's transaction back.
    private struct DryRun: Error {
        let rows: Int
    }

    /// Writes every good row and collects the bad ones; throws them all at the end, which rolls everything back.
    private func write(_ kind: ImportKind, _ table: ImportTable, _ db: Database, events: EventImport?, options: ImportOptions,
                       started: Date) throws -> Int {
        var errors = table.problems
        var seen = Set<String>()
        seen.reserveCapacity(table.rows.count)
        let lookups = ImportLookups()
        let total = table.rows.count + table.problems.count
        for (index, row) in table.rows.enumerated() {
            let reader = RowReader(file: table.path, row: row, kind: kind)
            do {
                let key = try events?.record(reader, in: db) ?? importRow(kind, reader, db, lookups)
                guard seen.insert(key).inserted else {
                    throw reader.fail(kind.keyColumn, .twice(key))
                }
            } catch let error as ImportError {
                errors.append(error)
            }
            if let progress = options.progress, index % Self.progressEvery == Self.progressEvery - 1 {
                progress(ImportProgress(done: index + 1, total: total, seconds: Date().timeIntervalSince(started)))
            }
        }
        if !errors.isEmpty { throw ImportFailure(file: table.path, errors: errors) }
        return table.rows.count
    }

    private static let progressEvery = 1000

    /// Writes one record from its fields (the tests' `community{…}`, `evaluate{…}`); returns its key.
    /// `source` and `line` name it in errors.
    @discardableResult
    public func insert(_ kind: ImportKind, fields: [String: String], source: String, line: Int) throws -> String {
        let reader = RowReader(file: source, row: ImportTable.Row(line: line, fields: fields), kind: kind)
        for column in fields.keys where !kind.columns.contains(column) {
            throw reader.fail(column, .unknownField(kind.columns))
        }
        return try store.write { db in try importRow(kind, reader, db, ImportLookups()) }
    }

    /// Writes one row; returns its key (code, number or date).
    private func importRow(_ kind: ImportKind, _ row: RowReader, _ db: Database, _ lookups: ImportLookups) throws -> String {
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
            guard let community = try lookups.community(communityCode, in: db) else {
                throw row.fail("community", .unknownCommunity(communityCode))
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
                throw row.fail("kind", .notACalendarKind(kindText))
            }
            let day = CalendarDay(date: try row.date("date"), kind: dayKind, name: row.raw("name"))
            try day.save(db)
            return day.date.description
        case .tickets:
            var ticket = try TicketFields(row: row, settings: settings, lookups: lookups, vocabulary: vocabulary).ticket(in: db)
            try ticket.insertImported(db)
            return ticket.number
        case .revisits:
            var result = try RevisitResult(row: row, lookups: lookups, in: db)
            try result.insert(db)
            return row.raw("household") + " on " + result.visitedOn.description
        case .events:
            throw row.fail("event", .eventsAreRecorded)
        }
    }
}
