import GRDB

/// `ruledesk import events FILE`: rows of `number,event,at,until,cost,rating,by,note` recorded as `ruledesk record`
/// records them, in the file's order, in the import's one transaction; `at` is a date or an ISO 8601 time.
struct EventImport {
    let settings: Settings
    let recorder: EventRecorder

    /// Fails, saying how to publish, when no rules are published.
    init(store: Store, settings: Settings) throws {
        self.settings = settings
        recorder = try EventRecorder(store: store, settings: settings)
    }

    /// Records one row's event; a bad or refused row names its line. Returns a key of its own (events of one ticket
    /// may follow each other in a file).
    func record(_ row: RowReader, in db: Database) throws -> String {
        let number = try row.text("number")
        let event = try entry(row)
        do {
            _ = try recorder.record(number, event, today: settings.today, in: db)
        } catch let error as LifecycleError {
            switch error {
            case .refused(_, let why): throw row.fail("event", .eventRefused(why))
            default: throw row.fail("number", .lifecycle(error))
            }
        }
        return "line \(row.row.line)"
    }

    /// The event one row describes.
    private func entry(_ row: RowReader) throws -> EventEntry {
        let name = try row.text("event")
        guard let event = TicketEvent(rawValue: name) else {
            throw row.fail("event", .notAnEvent(name))
        }
        var entry = EventEntry(event: event, by: row.optionalText("by") ?? "import")
        guard let at = row.optionalText("at") else {
            throw row.fail("at", .emptyEventDay)
        }
        if let day = WrittenValue.date(at) {
            entry.on = day
        } else if let moment = WrittenValue.moment(at, zone: settings.timeZone) {
            if event == .complete { entry.at = moment.iso8601(in: settings.timeZone) } else { entry.on = moment.localDate(in: settings.timeZone) }
        } else {
            throw row.fail("at", .neitherDayNorTime(at))
        }
        entry.until = try row.optionalDate("until")
        entry.cost = try row.optionalAmount("cost")
        if let rating = row.optionalText("rating") {
            guard let parsed = RevisitResult.Rating(rawValue: rating) else {
                throw row.fail("rating", .notARating(rating))
            }
            entry.rating = parsed
        }
        entry.note = row.raw("note")
        return entry
    }
}
