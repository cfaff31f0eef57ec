import LuaRuntime

/// The console's helpers for a ticket's life: `record`, `due`, `sla` and `find`, the commands of the same names
/// for a clerk on the phone. Each prints what the command prints.
extension ConsoleHelpers {
    func lifecycleFunctions(in lua: LuaState) -> [String: LuaArgument] {
        let console = self.console
        return [
            "record": .reference(lua.function { call in
                guard let number = try call.value(0).stringValue, let name = try call.value(1).stringValue else {
                    throw LuaError(.runtime, console.say(.recordUsage))
                }
                guard let event = TicketEvent(rawValue: name) else {
                    throw LuaError(.runtime, console.say(.notAnEvent(name)))
                }
                let entry = try Self.entry(event, try call.value(2), say: console.say)
                let recorded: RecordedEvent
                do {
                    recorded = try console.recorder().record(number, entry, today: console.settings.today)
                } catch let error as LifecycleError {
                    throw LuaError(.runtime, error.text(in: console.language))
                }
                let wording = console.lifecycleWording
                var lines = [wording.say(.recorded(event, on: wording.date(recorded.on), ticket: recorded.number)),
                             try recorded.clocks.text(on: console.settings.today, calendar: try console.store.calendar(), wording: wording)]
                if let failure = recorded.failure { lines.append(wording.say(.rulesFailedAfterEvent(failure.message))) }
                console.printLine(lines.joined(separator: "\n"))
                return []
            }),
            "due": .reference(lua.function { call in
                let options = try call.value(0)
                var filter = WorkQueue.Filter()
                filter.overdueOnly = options["overdue"] == .boolean(true)
                filter.withinWorkdays = options["within"].integerValue.map(Int.init)
                filter.department = options["department"].stringValue
                filter.community = options["community"].stringValue
                let day = try Self.date(options["on"], "due{ on = … }", say: console.say) ?? console.settings.today
                let calendar = try console.store.calendar()
                let queue = try console.store.read { try WorkQueue(on: day, filter: filter, calendar: calendar,
                                                                     responsible: console.engine.declared.responsibleColumn, in: $0) }
                console.printLine(queue.text(wording: console.lifecycleWording))
                return []
            }),
            "sla": .reference(lua.function { call in
                let argument = try call.value(0)
                guard let number = argument.stringValue ?? argument["number"].stringValue else {
                    throw LuaError(.runtime, console.say(.slaUsage))
                }
                let day = try Self.date(try call.value(1), "sla(number, date)", say: console.say) ?? console.settings.today
                let clocks = try console.store.read { try TicketClocks(number: number, in: $0) }
                console.printLine(try clocks.text(on: day, calendar: try console.store.calendar(), wording: console.lifecycleWording))
                return []
            }),
            "find": .reference(lua.function { call in
                guard let text = try call.value(0).stringValue ?? (try call.value(0).integerValue).map({ String($0) }) else {
                    throw LuaError(.runtime, console.say(.findUsage))
                }
                let found = try console.store.read { try OwnerSearch(text: text, on: console.settings.today, in: $0) }
                console.printLine(found.text(showingPersonalData: console.showPII, wording: console.lifecycleWording))
                return []
            }),
        ]
    }

    /// `{ on = "2026-05-07", at = "…", until = "…", cost = 1350, rating = "satisfied", by = "王芳", note = "…" }`;
    /// a mistake is said by `say`, in the console's language.
    static func entry(_ event: TicketEvent, _ options: LuaValue, say: (ConsoleMessage) -> String) throws -> EventEntry {
        if options != .nil, options.tableValue == nil {
            throw LuaError(.runtime, say(.recordOptionsUsage))
        }
        let known = ["at", "by", "cost", "note", "on", "rating", "until"]
        if let unknown = (options.tableValue ?? [:]).keys.filter({ !known.contains($0) }).sorted().first {
            throw LuaError(.runtime, say(.unknownRecordOption(unknown, known)))
        }
        var entry = EventEntry(event: event, by: options["by"].stringValue ?? "console")
        entry.on = try date(options["on"], "on", say: say)
        entry.at = options["at"].stringValue
        entry.until = try date(options["until"], "until", say: say)
        entry.cost = options["cost"].doubleValue
        if let rating = options["rating"].stringValue {
            guard let parsed = RevisitResult.Rating(rawValue: rating) else {
                throw LuaError(.runtime, say(.notARating(rating)))
            }
            entry.rating = parsed
        }
        entry.note = options["note"].stringValue ?? ""
        return entry
    }

    static func date(_ value: LuaValue, _ what: String, say: (ConsoleMessage) -> String) throws -> LocalDate? {
        guard value != .nil else { return nil }
        guard let text = value.stringValue, let date = LocalDate(text) else {
            throw LuaError(.runtime, say(.notADate(value.stringValue ?? "?", for: what)))
        }
        return date
    }
}

extension ConsoleSession {
    /// The console's language and its rules' names for deadlines and keys.
    var lifecycleWording: LifecycleWording { LifecycleWording(language: language, engine: engine) }

    /// The recorder of `record(…)`, on the database opened for writing (the console itself only reads it); an
    /// error saying so when the file cannot be written.
    func recorder() throws -> EventRecorder {
        if let eventRecorder { return eventRecorder }
        let writable = store.isInMemory ? store : try Store(path: store.path, access: .write)
        let recorder = try EventRecorder(store: writable, settings: settings)
        eventRecorder = recorder
        return recorder
    }
}
