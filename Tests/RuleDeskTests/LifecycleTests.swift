import Foundation
import GRDB
import Testing
@testable import RuleDesk

/// A ticket's life against POLICY.md 2 (3.4.5, 3.4.2.2, 3.5.4): events recorded, the ticket re-decided after each,
/// its deadlines as clocks on the working-day calendar; every refusal leaves the database as it was.
@Suite(.removesTemporaryFolders) struct LifecycleTests {
    /// The default rules, published into a store with community T01 and the 2024–2026 calendar.
    static func world() throws -> (Store, EventRecorder) {
        let store = try Fixtures.store()
        let rules = try RuleSet(folder: Fixtures.root + "/rules")
        let review = ReleaseReview.Summary(check: "0 errors, 0 warnings", tests: "0 passed, 0 failed", diff: "first")
        _ = try store.write { try RuleReleases.publish(rules, kind: .publish, by: "test", note: "", review: review, expecting: nil, in: $0) }
        return (store, try EventRecorder(store: store, settings: Fixtures.shanghai))
    }

    /// A complex two-trade repair registered on Thursday 30 April 2026, the day before the Labour Day holiday.
    static func labourDayRepair(_ store: Store) throws -> String {
        try Fixtures.ticket(store, [
            "received_at": "2026-04-30T16:00:00+08:00", "household": "T01-1-101", "cause": "warranty",
            "component": "plumbing", "trades": "plumbing|electrical", "complex": "true", "estimated_cost": "1200",
            "description": "卫生间漏水,电路受潮",
        ]).ticket.number
    }

    static func entry(_ event: TicketEvent, on day: String? = nil, _ change: (inout EventEntry) -> Void = { _ in }) -> EventEntry {
        var entry = EventEntry(event: event, by: "王芳")
        entry.on = day.flatMap(LocalDate.init)
        change(&entry)
        return entry
    }

    static let today = LocalDate("2026-06-30")!

    func clock(_ clocks: TicketClocks, _ name: String) throws -> DeadlineClock {
        try #require(clocks.clocks.first { $0.deadline == name }, "no deadline \(name) in \(clocks.clocks.map(\.deadline))")
    }

    func counts(_ store: Store) throws -> [Int] {
        try store.read { db in
            try ["events", "decisions", "ticket_deadlines"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")! }
        }
    }

    @Test func aTwoTradeRepairBeforeLabourDayThroughItsLife() throws {
        let (store, recorder) = try Self.world()
        let number = try Self.labourDayRepair(store)
        let calendar = try store.calendar()

        // The department reports back on 6 May: the first working day after the holiday; it re-decides the ticket.
        var recorded = try recorder.record(number, Self.entry(.feedback, on: "2026-05-06"), today: Self.today)
        var clocks = recorded.clocks
        #expect(try clock(clocks, "feedback_due").due == LocalDate("2026-05-08"))   // 3 working days: 6, 7, 8 May
        #expect(try clock(clocks, "feedback_due").state(on: LocalDate("2026-05-06")!) == .met)
        let survey = try clock(clocks, "survey_due")
        #expect(survey.due == LocalDate("2026-05-06"))                               // 1 working day after 30 April
        #expect(survey.state(on: LocalDate("2026-05-06")!) == .pending)
        #expect(try clocks.workdaysLeft(survey, on: LocalDate("2026-05-06")!, calendar: calendar) == 0)
        #expect(survey.state(on: LocalDate("2026-05-07")!) == .overdue)
        #expect(try clock(clocks, "repair_due").due == LocalDate("2026-05-14"))      // 7 working days from the survey's due date, Saturday 9 May worked
        #expect(clocks.clocks.first { $0.deadline == "callback_due" } == nil)         // not completed yet

        // Surveyed on 7 May, a day late: the repair now counts from the survey.
        recorded = try recorder.record(number, Self.entry(.survey, on: "2026-05-07"), today: Self.today)
        clocks = recorded.clocks
        #expect(try clock(clocks, "survey_due").state(on: Self.today) == .late)
        #expect(try clock(clocks, "survey_due").metOn == LocalDate("2026-05-07"))
        #expect(try clock(clocks, "repair_due").due == LocalDate("2026-05-15"))
        #expect(try clock(clocks, "repair_due").state(on: LocalDate("2026-05-12")!) == .pending)
        #expect(try clocks.workdaysLeft(try clock(clocks, "repair_due"), on: LocalDate("2026-05-12")!, calendar: calendar) == 3)

        // The owner agrees in advance to finish by 29 May (3.4.5): the repair's deadline moves and shows as extended.
        recorded = try recorder.record(number, Self.entry(.consent, on: "2026-05-12") { $0.until = LocalDate("2026-05-29") },
                                       today: Self.today)
        clocks = recorded.clocks
        let repair = try clock(clocks, "repair_due")
        #expect(repair.due == LocalDate("2026-05-29") && repair.extended)
        #expect(repair.state(on: LocalDate("2026-05-20")!) == .pending)
        #expect(try clock(clocks, "resolve_due").extended)
        #expect(try !clock(clocks, "survey_due").extended)

        // Completed on 27 May at a final cost of 1,350 yuan: met; the callback is due one working day later.
        recorded = try recorder.record(number, Self.entry(.complete) { $0.at = "2026-05-27T15:00:00+08:00"; $0.cost = 1350 },
                                       today: Self.today)
        clocks = recorded.clocks
        #expect(recorded.on == LocalDate("2026-05-27"))
        #expect(try clock(clocks, "repair_due").state(on: Self.today) == .met)
        let callback = try clock(clocks, "callback_due")
        #expect(callback.due == LocalDate("2026-05-28") && callback.state(on: LocalDate("2026-05-28")!) == .pending)
        #expect(callback.state(on: LocalDate("2026-05-29")!) == .overdue)

        // Called back on 28 May, then closed.
        recorded = try recorder.record(number, Self.entry(.callback, on: "2026-05-28") { $0.rating = .satisfied }, today: Self.today)
        #expect(try clock(recorded.clocks, "callback_due").state(on: Self.today) == .met)
        recorded = try recorder.record(number, Self.entry(.close, on: "2026-05-29"), today: Self.today)
        #expect(recorded.clocks.closedOn == LocalDate("2026-05-29"))

        // The facts the rules saw, and the life in history: one decision per event, each after its event.
        let ticket = try #require(try store.read { try Ticket.filter(Column("number") == number).fetchOne($0) })
        #expect(ticket.surveyDate == LocalDate("2026-05-07") && ticket.completedOn == LocalDate("2026-05-27"))
        #expect(ticket.finalCost == 1350 && ticket.consentUntil == LocalDate("2026-05-29"))
        #expect(ticket.callbackOn == LocalDate("2026-05-28") && ticket.callbackRating == "satisfied")
        let history = try store.read { try DecisionHistory(ticket: number, in: $0) }
        #expect(history.entries.map { $0.event?.event } == ["feedback", "survey", "consent", "complete", "callback", "close"])
        #expect(history.entries[2].changes.contains("deadlines.repair_due: \"2026-05-15\" → \"2026-05-29\""))
        let trace = try #require(history.entries[2].decision.outcomes.first { $0.rule == "deadlines" }?.trace)
        #expect(trace.contains("客户已事先同意将维修期限延至 2026-05-29 (3.4.5)"))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == 6)
    }

    @Test func theSettlementAuditorFollowsTheFinalCost() throws {
        let (store, recorder) = try Self.world()
        let number = try Self.labourDayRepair(store)
        _ = try recorder.record(number, Self.entry(.complete, on: "2026-05-27") { $0.cost = 20000 }, today: Self.today)
        let decision = try store.read { try DecisionHistory(ticket: number, in: $0) }.entries.last!.decision
        #expect(decision.results(of: "approval")?["settlement_auditor"] == "audit")   // 3.5.6: 20,000 and over → audit
        #expect(decision.results(of: "approval")?["tier"] == 2)                        // approval still by the estimate
    }

    @Test(arguments: [
        ("survey", "2026-04-29", "before the ticket was registered (2026-04-30)"),
        ("survey", "2026-07-01", "after today (2026-06-30)"),
        ("callback", "2026-05-08", "no completion is recorded; record complete first"),
    ])
    func impossibleDatesAreRefused(event: String, day: String, message: String) throws {
        let (store, recorder) = try Self.world()
        let number = try Self.labourDayRepair(store)
        let before = try counts(store)
        let error = #expect(throws: LifecycleError.self) {
            try recorder.record(number, Self.entry(TicketEvent(rawValue: event)!, on: day) {
                if $0.event == .callback { $0.rating = .neutral }
            }, today: Self.today)
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasSuffix("nothing was recorded") == true)
        #expect(try counts(store) == before)
    }

    @Test func eventsThatContradictTheRecordedFactsAreRefused() throws {
        let (store, recorder) = try Self.world()
        let number = try Self.labourDayRepair(store)
        func refusal(_ entry: EventEntry) throws -> String {
            let before = try counts(store)
            let error = #expect(throws: LifecycleError.self) { try recorder.record(number, entry, today: Self.today) }
            #expect(try counts(store) == before)
            return error?.description ?? ""
        }
        _ = try recorder.record(number, Self.entry(.survey, on: "2026-05-07"), today: Self.today)
        #expect(try refusal(Self.entry(.complete, on: "2026-05-06")).contains("completion on 2026-05-06 is before the survey on 2026-05-07"))
        _ = try recorder.record(number, Self.entry(.complete, on: "2026-05-12"), today: Self.today)
        #expect(try refusal(Self.entry(.survey, on: "2026-05-13")).contains("survey on 2026-05-13 is after the completion on 2026-05-12"))
        #expect(try refusal(Self.entry(.callback, on: "2026-05-11") { $0.rating = .satisfied })
            .contains("callback on 2026-05-11 is before the completion on 2026-05-12"))
        #expect(try refusal(Self.entry(.callback, on: "2026-05-13")).contains("callback needs --rating"))
        #expect(try refusal(Self.entry(.consent, on: "2026-05-13") { $0.until = LocalDate("2026-06-01") })
            .contains("completed on 2026-05-12; a consent is given before"))
        #expect(try refusal(Self.entry(.survey, on: "2026-05-08") { $0.cost = 10 }).contains("survey takes no --cost"))
        #expect(try refusal(Self.entry(.reopen, on: "2026-05-13")).contains("the ticket is open"))
        _ = try recorder.record(number, Self.entry(.close, on: "2026-05-14"), today: Self.today)
        #expect(try refusal(Self.entry(.feedback, on: "2026-05-15")).contains("the ticket was closed on 2026-05-14; reopen it first"))
        #expect(try refusal(Self.entry(.reopen, on: "2026-05-15")).contains("reopen needs --note"))
        #expect(try refusal(Self.entry(.reopen, on: "2026-05-13") { $0.note = "x" }).contains("before the closing on 2026-05-14"))
        let reopened = try recorder.record(number, Self.entry(.reopen, on: "2026-05-20") { $0.note = "又漏水了" }, today: Self.today)
        #expect(reopened.clocks.closedOn == nil)
        _ = try recorder.record(number, Self.entry(.feedback, on: "2026-05-21"), today: Self.today)
    }

    @Test func aConsentTheDecisionDoesNotAllowIsRefused() throws {
        let (store, recorder) = try Self.world()
        let simple = try Fixtures.ticket(store, ["received_at": "2026-04-30T16:00:00+08:00", "trades": "plumbing"]).ticket.number
        let before = try counts(store)
        let error = #expect(throws: LifecycleError.self) {
            try recorder.record(simple, Self.entry(.consent, on: "2026-05-06") { $0.until = LocalDate("2026-05-29") }, today: Self.today)
        }
        #expect(error?.description.contains("its decision does not allow a consent (deadlines.needs_consent is not true)") == true,
                "\(String(describing: error))")
        #expect(try counts(store) == before)
        let complaint = try Fixtures.ticket(store, ["kind": "complaint", "cause": "sales"]).ticket.number
        #expect(throws: LifecycleError.self) {
            try recorder.record(complaint, Self.entry(.consent, on: "2026-03-03") { $0.until = LocalDate("2026-04-01") }, today: Self.today)
        }
    }

    @Test func anUnknownNumberNamesTheNearestAndTypedNumbersAreNormalised() throws {
        let (store, recorder) = try Self.world()
        let number = try Self.labourDayRepair(store)
        let error = #expect(throws: LifecycleError.self) {
            try recorder.record(String(number.dropLast()), Self.entry(.survey, on: "2026-05-07"), today: Self.today)
        }
        #expect(error?.description.contains("did you mean \(number)") == true, "\(String(describing: error))")
        let fullWidth = String(String.UnicodeScalarView(number.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        let recorded = try recorder.record(" " + fullWidth.lowercased() + " ", Self.entry(.survey, on: "2026-05-07"), today: Self.today)
        #expect(recorded.number == number)
    }

    @Test func nothingPublishedMeansNoRecorder() throws {
        let error = #expect(throws: ReleaseError.self) { try EventRecorder(store: try Fixtures.store(), settings: Fixtures.shanghai) }
        #expect(error != nil)
    }

    @Test func aRuleThatFailsAfterAnEventKeepsTheEventAndMarksTheTicket() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.rule("if ticket.survey_date then error('no surveys here') end return { value = 1 }")
        let review = ReleaseReview.Summary(check: "", tests: "", diff: "")
        _ = try store.write { try RuleReleases.publish(rules, kind: .publish, by: "t", note: "", review: review, expecting: nil, in: $0) }
        let number = try Fixtures.ticket(store, [:]).ticket.number
        let recorded = try EventRecorder(store: store, settings: Fixtures.shanghai)
            .record(number, Self.entry(.survey, on: "2026-03-03"), today: Self.today)
        #expect(recorded.failure?.message.contains("no surveys here") == true)
        let ticket = try #require(try store.read { try Ticket.filter(Column("number") == number).fetchOne($0) })
        #expect(ticket.status == "rule_error" && ticket.surveyDate == LocalDate("2026-03-03"))
    }

    @Test func importedEventsAreAllOrNothingWithTheLine() throws {
        let (store, _) = try Self.world()
        let number = try Self.labourDayRepair(store)
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        let bad = """
            number,event,at,until,cost,rating,by,note
            \(number),survey,2026-05-07,,,,王芳,
            \(number),complete,2026-05-13T16:30:00+08:00,,1350,,王芳,完工
            \(number),callback,2026-05-12,,,satisfied,王芳,
            """
        let before = try counts(store)
        let error = #expect(throws: ImportFailure.self) { try importer.run(.events, data: Data(bad.utf8), named: "events.csv") }
        #expect(error?.lines() == ["events.csv:4: event: callback on 2026-05-12 is before the completion on 2026-05-13"])
        #expect(try counts(store) == before)
        let unknown = "number,event,at\nKF-2026-9,survey,2026-05-07\n"
        let unknownError = #expect(throws: ImportFailure.self) { try importer.run(.events, data: Data(unknown.utf8), named: "e.csv") }
        #expect(unknownError?.lines().first?.hasPrefix("e.csv:2: number: no ticket KF-2026-9") == true)
        let badEvent = "number,event,at\n\(number),surveyed,2026-05-07\n"
        let eventError = #expect(throws: ImportFailure.self) { try importer.run(.events, data: Data(badEvent.utf8), named: "e.csv") }
        #expect(eventError?.lines().first?.hasPrefix("e.csv:2: event: 'surveyed' is not an event") == true)
        let dry = try importer.run(.events, data: Data(bad.split(separator: "\n").dropLast().joined(separator: "\n").utf8), named: "e.csv",
                                   options: { var options = ImportOptions(); options.dryRun = true; return options }())
        #expect(dry.rows == 2 && dry.dryRun)
        #expect(try counts(store) == before)
        let good = bad.replacingOccurrences(of: "2026-05-12,,,satisfied", with: "2026-05-14,,,satisfied")
        #expect(try importer.run(.events, data: Data(good.utf8), named: "events.csv").rows == 3)
        let ticket = try #require(try store.read { try Ticket.filter(Column("number") == number).fetchOne($0) })
        #expect(ticket.finalCost == 1350 && ticket.completedOn == LocalDate("2026-05-13") && ticket.callbackRating == "satisfied")
    }
}
