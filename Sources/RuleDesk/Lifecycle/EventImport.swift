/// `ruledesk import events FILE`: rows of `number,event,at,until,cost,rating,by,note` recorded as `ruledesk record`
/// records them, in the file's order, all or nothing; `at` is a date or an ISO 8601 time.
struct EventImport {
    let store: Store
    let settings: Settings

    /// Records every row's event; the first bad or refused row names its line, and nothing is written.
    func run(_ csv: CSVFile) throws -> Int {
        let readers = csv.rows.map { RowReader(file: csv.path, row: $0, kind: .events) }
        let items = try readers.map { row in (number: try row.text("number"), entry: try entry(row)) }
        do {
            return try EventRecorder(store: store, settings: settings).record(items, today: settings.today).count
        } catch let failed as EventListError {
            let row = readers[failed.index]
            switch failed.error {
            case LifecycleError.unknownTicket(let number, let near):
                throw row.fail("number", "no ticket \(number)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
            case LifecycleError.refused(_, let why):
                throw row.fail("event", why)
            default:
                throw failed.error
            }
        }
    }

    /// The event one row describes.
    private func entry(_ row: RowReader) throws -> EventEntry {
        let name = try row.text("event")
        guard let event = TicketEvent(rawValue: name) else {
            throw row.fail("event", "'\(name)' is not an event; use \(TicketEvent.sentence(TicketEvent.allCases))")
        }
        var entry = EventEntry(event: event, by: row.optionalText("by") ?? "import")
        if let at = row.optionalText("at") {
            if let day = LocalDate(at) {
                entry.on = day
            } else if Timestamp(at, zone: settings.timeZone) != nil {
                entry.at = at
            } else {
                throw row.fail("at", "'\(at)' is neither a date (YYYY-MM-DD) nor an ISO 8601 time such as 2026-05-13T16:30:00+08:00")
            }
        } else {
            throw row.fail("at", "is empty; write the day it happened (YYYY-MM-DD) or, for a completion, the time")
        }
        if event != .complete, let at = entry.at {
            entry.on = Timestamp(at, zone: settings.timeZone)!.localDate(in: settings.timeZone)
            entry.at = nil
        }
        entry.until = try row.optionalDate("until")
        entry.cost = try row.optionalAmount("cost")
        if let rating = row.optionalText("rating") {
            guard let parsed = RevisitResult.Rating(rawValue: rating) else {
                throw row.fail("rating", "'\(rating)' is not a rating; use \(RevisitResult.Rating.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            entry.rating = parsed
        }
        entry.note = row.raw("note")
        return entry
    }
}
