import Foundation
import GRDB

/// Records what happened to tickets: each event is checked against the ticket's recorded facts, appended to
/// `events`, folded onto the ticket, and the ticket re-decided under the version in force, its decision appended
/// (with its deadlines and work order) — all in one transaction, or nothing when the event is refused.
///
/// ```swift
/// let recorder = try EventRecorder(store: store, settings: settings)
/// var entry = EventEntry(event: .survey, by: "王芳")
/// entry.on = LocalDate("2026-05-06")
/// let recorded = try recorder.record("KF-2026-000014", entry, today: settings.today)
/// ```
public final class EventRecorder {
    let store: Store
    let settings: Settings
    /// The version in force, compiled.
    public let engine: RuleEngine
    let rows: DecisionRows

    /// Fails, saying how to publish, when no rules are published: events re-decide under the version in force only.
    public init(store: Store, settings: Settings) throws {
        self.store = store
        self.settings = settings
        engine = try RuleEngine(ruleSet: try RuleSource.published.load(from: store), store: store, settings: settings)
        rows = DecisionRows(rulesVersion: engine.ruleSet.version, declared: engine.declared)
    }

    /// Records one event on the ticket `number`.
    public func record(_ number: String, _ entry: EventEntry, today: LocalDate) throws -> RecordedEvent {
        try store.write { try record(number, entry, today: today, in: $0) }
    }

    /// Records one event in the transaction of `db` (an import's).
    func record(_ number: String, _ entry: EventEntry, today: LocalDate, in db: Database) throws -> RecordedEvent {
        let number = TicketSearch.normalisedNumber(number)
        guard var ticketCase = try TicketCase.load(number: number, from: db) else {
            throw LifecycleError.unknownTicket(number, try TicketSearch.closest(to: number, in: db))
        }
        var ticket = ticketCase.ticket
        guard let received = Timestamp(ticket.receivedAt) else {
            throw LifecycleError.refused(number, .badReceivedAt(ticket.receivedAt))
        }
        var at = entry.at, on = entry.on
        if let text = at {
            if let day = WrittenValue.date(text), on == nil || on == day {   // a day without a time
                (on, at) = (day, nil)
            } else if let moment = WrittenValue.moment(text, zone: settings.timeZone) {
                at = moment.iso8601(in: settings.timeZone)
            } else {
                throw LifecycleError.refused(number, .notATime(text))
            }
        }
        let date = on ?? at.flatMap { Timestamp($0)?.localDate(in: settings.timeZone) } ?? today
        if let on, let at, Timestamp(at)?.localDate(in: settings.timeZone) != on {
            throw LifecycleError.refused(number, .differentDays(on, at: at))
        }
        if let why = ticket.refusal(of: entry, on: date, registered: received.localDate(in: settings.timeZone), today: today) {
            throw LifecycleError.refused(number, why)
        }
        var applied = entry
        (applied.on, applied.at) = (on, at)
        ticket.apply(applied, on: date)
        ticketCase.ticket = ticket
        let outcome: Result<RecordedDecision, RuleFailure>
        do {
            outcome = .success(try engine.record(ticketCase))
        } catch let failure as RuleFailure {
            outcome = .failure(failure)
        }
        if entry.event == .consent, case .success(let decision) = outcome {
            try requireConsentAllowed(decision, number: number)
        }
        try db.execute(sql: """
            INSERT INTO events (ticket_id, event, on_date, at, until, cost, rating, recorded_by, note, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ticket.id, entry.event.rawValue, date, at, entry.until, entry.cost, entry.rating?.rawValue,
                             entry.by, entry.note, Timestamp.nowText()])
        let eventId = db.lastInsertedRowID
        try db.execute(sql: """
            UPDATE tickets SET survey_date = ?, completed_at = ?, completed_on = ?, final_cost = ?, feedback_on = ?,
              consent_until = ?, callback_on = ?, callback_rating = ?, closed_on = ?
            WHERE id = ?
            """, arguments: [ticket.surveyDate, ticket.completedAt, ticket.completedOn, ticket.finalCost, ticket.feedbackOn,
                             ticket.consentUntil, ticket.callbackOn, ticket.callbackRating, ticket.closedOn, ticket.id])
        let now = Timestamp.nowText()
        switch outcome {
        case .success(let decision):
            try rows.prepare(first: DecisionDictionary(first: [decision.texts]), at: now, in: db)
                .write(ticket.id!, decision, consented: ticket.consentUntil != nil, after: eventId)
        case .failure(let failure):
            try rows.markFailed(ticket.id!, failure, at: now, in: db)
        }
        return RecordedEvent(number: number, event: entry.event, on: date, failure: outcome.failure,
                             clocks: try TicketClocks(ticketId: ticket.id!, in: db))
    }

    /// Refuses a consent the ticket's decision does not allow (the output the rules' `consent` names is not true).
    private func requireConsentAllowed(_ decision: RecordedDecision, number: String) throws {
        guard let key = engine.declared.consentKey, let consent = engine.declared.consent else {
            throw LifecycleError.refused(number, .noConsentDeclared)
        }
        guard decision.keys[key] == .boolean(true) else {
            throw LifecycleError.refused(number, .consentNotAllowed("\(consent.rule).\(consent.field)"))
        }
    }
}

/// What recording one event did.
public struct RecordedEvent: Sendable {
    public let number: String
    public let event: TicketEvent
    /// The day it happened.
    public let on: LocalDate
    /// The rules failed on the ticket after the event (the event is recorded, the ticket is in `rule_error`).
    public let failure: RuleFailure?
    /// The ticket's deadlines after it.
    public let clocks: TicketClocks
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
