import Foundation
import GRDB
import Testing
@testable import RuleDesk

/// The work queue across the Labour Day holiday, `find` by each key, severe callbacks as revisit findings, and
/// counting working days.
@Suite(.removesTemporaryFolders) struct WorkQueueTests {
    /// Three tickets around Labour Day 2026, decided by the batch under the default rules: a repair of the cs
    /// department in T01, a sales complaint in T01, and a repair in T02.
    static func world() throws -> (Store, EventRecorder) {
        let (store, recorder) = try LifecycleTests.world()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        try importer.insert(.communities, fields: [
            "code": "T02", "name": "第二小区", "completion_date": "2025-06-30", "households_total": "5",
        ], source: "test", line: 1)
        try importer.insert(.households, fields: [
            "code": "T02-3-2-801", "community": "T02", "building": "3", "unit": "2", "room": "801",
            "owner": "李四", "phone": "+86 139-0000-0002", "moved_in_on": "2025-08-01",
        ], source: "test", line: 1)
        for fields in [
            ["number": "KF-2026-000101", "received_at": "2026-04-29T09:00:00+08:00", "household": "T01-1-101",
             "cause": "warranty", "trades": "plumbing", "description": "厨房水管漏水"],
            ["number": "KF-2026-000102", "received_at": "2026-04-30T10:00:00+08:00", "household": "T01-1-101",
             "kind": "complaint", "cause": "sales", "description": "车位宣传不符"],
            ["number": "KF-2026-000103", "received_at": "2026-04-30T11:00:00+08:00", "community": "T02",
             "household": "T02-3-2-801", "cause": "warranty", "trades": "electrical", "description": "插座无电"],
        ] { _ = try Fixtures.ticket(store, fields) }
        var options = BatchOptions()
        options.jobs = 1
        _ = try BatchRunner(store: store, ruleSet: recorder.engine.ruleSet, settings: Fixtures.shanghai, options: options).run()
        return (store, recorder)
    }

    /// The ticket column the default rules' `responsible` output goes to.
    let recorderColumn = try? RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: nil, settings: Fixtures.shanghai)
        .declared.responsibleColumn

    func queue(_ store: Store, on day: String, _ change: (inout WorkQueue.Filter) -> Void = { _ in }) throws -> WorkQueue {
        var filter = WorkQueue.Filter()
        change(&filter)
        let calendar = try store.calendar()
        return try store.read { try WorkQueue(on: LocalDate(day)!, filter: filter, calendar: calendar,
                                         responsible: recorderColumn, in: $0) }
    }

    @Test func theQueueAcrossTheHolidayIsMostUrgentFirst() throws {
        let (store, _) = try Self.world()
        // 30 April: the holiday is ahead; 101's survey (due 30 April) is due today, 102/103's surveys on 6 May.
        let before = try queue(store, on: "2026-04-30")
        let first = try #require(before.items.first)
        #expect(first.ticket == "KF-2026-000101" && first.deadline == "survey_due" && first.due == LocalDate("2026-04-30"))
        #expect(first.workdaysLeft == 0 && !first.overdue)
        #expect(before.items.map(\.due) == before.items.map(\.due).sorted())
        let survey103 = try #require(before.items.first { $0.ticket == "KF-2026-000103" && $0.deadline == "survey_due" })
        #expect(survey103.due == LocalDate("2026-05-06") && survey103.workdaysLeft == 1)   // 1–5 May are off
        #expect(survey103.community == "T02" && survey103.household == "T02-3-2-801" && survey103.department == "cs")

        // 6 May, after the holiday: 101's survey is one working day overdue (6 May), 103's is due today.
        let after = try queue(store, on: "2026-05-06")
        let late = try #require(after.items.first)
        #expect(late.ticket == "KF-2026-000101" && late.deadline == "survey_due" && late.workdaysLeft == -1 && late.overdue)
        let due103 = try #require(after.items.first { $0.ticket == "KF-2026-000103" && $0.deadline == "survey_due" })
        #expect(due103.workdaysLeft == 0)

        // 11 May: Saturday 9 May was worked, so 101's survey (due 30 April) is 5 working days late.
        let monday = try queue(store, on: "2026-05-11") { $0.overdueOnly = true }
        #expect(monday.items.filter { !$0.overdue }.isEmpty)
        let overdue101 = try #require(monday.items.first { $0.ticket == "KF-2026-000101" && $0.deadline == "survey_due" })
        #expect(overdue101.workdaysLeft == -5)
    }

    @Test func filtersAndMetDeadlinesLeaveTheQueue() throws {
        let (store, recorder) = try Self.world()
        #expect(try queue(store, on: "2026-05-06") { $0.community = "T02" }.items.allSatisfy { $0.community == "T02" })
        let sales = try queue(store, on: "2026-05-06") { $0.department = "sales" }
        #expect(Set(sales.items.map(\.ticket)) == ["KF-2026-000102"])
        let soon = try queue(store, on: "2026-04-30") { $0.withinWorkdays = 1 }
        #expect(soon.items.allSatisfy { $0.workdaysLeft <= 1 } && !soon.items.isEmpty)
        _ = try recorder.record("KF-2026-000101", LifecycleTests.entry(.survey, on: "2026-05-06"), today: LifecycleTests.today)
        let left = try queue(store, on: "2026-05-06") { $0.community = "T01" }
        #expect(!left.items.contains { $0.ticket == "KF-2026-000101" && $0.deadline == "survey_due" })
        _ = try recorder.record("KF-2026-000102", LifecycleTests.entry(.close, on: "2026-05-06"), today: LifecycleTests.today)
        #expect(try !queue(store, on: "2026-05-06").items.contains { $0.ticket == "KF-2026-000102" })
        let json = try queue(store, on: "2026-05-06").json
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(Set(parsed[0].keys) == ["ticket", "deadline", "due", "workdays_left", "overdue", "department", "community", "household"])
        #expect(try queue(store, on: "2026-05-06").csv.hasPrefix("ticket,deadline,due,workdays_left,overdue,department,community,household,description\n"))
    }

    @Test func theBatchCountsOverdueDeadlinesAsOfToday() throws {
        let (store, recorder) = try Self.world()
        var options = BatchOptions()
        options.selection = .errors
        let summary = try BatchRunner(store: store, ruleSet: recorder.engine.ruleSet, settings: Fixtures.shanghai, options: options).run()
        let expected = try store.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM deadline_clocks WHERE closed_on IS NULL AND met_on IS NULL AND due < ?",
                             arguments: [Fixtures.shanghai.today])
        }
        #expect(summary.overdue.values.reduce(0, +) == expected && expected! > 0)
        #expect(summary.text.contains("overdue on \(Fixtures.shanghai.today): \(expected!) deadlines"))
        #expect(summary.json.contains("\"overdue\": {\"by_deadline\": {"))
    }

    @Test(arguments: [
        ("13800000001", "phone"), ("+86 138 0000 0001", "phone"), ("１３８００００００01", "phone"), ("0001", "phone ending"),
        ("张三", "owner"), ("张", "owner"), ("t01-1-101", "household"), ("KF-2026-000102", "ticket"), ("ｋｆ-2026-000102", "ticket"),
    ])
    func findsTheOwnerByEachKey(text: String, foundBy: String) throws {
        let (store, _) = try Self.world()
        let found = try store.read { try OwnerSearch(text: text, on: LocalDate("2026-05-06")!, in: $0) }
        let match = try #require(found.matches.first, "nothing found for \(text)")
        #expect(match.household == "T01-1-101" && match.foundBy == foundBy)
        #expect(match.tickets.map(\.number) == ["KF-2026-000102", "KF-2026-000101"])   // newest first, both open
        #expect(match.tickets[1].next?.deadline == "survey_due")
        let english = LifecycleWording(language: .en, engine: nil)
        #expect(found.text(showingPersonalData: false, wording: english).contains("138****0001"))
        #expect(!found.text(showingPersonalData: false, wording: english).contains("13800000001"))
        #expect(found.text(showingPersonalData: true, wording: english).contains("13800000001"))
    }

    @Test func findsARoomAndSaysWhenNothingMatches() throws {
        let (store, _) = try Self.world()
        let room = try store.read { try OwnerSearch(text: "3-2-801", on: LocalDate("2026-05-06")!, in: $0) }
        #expect(room.matches.map(\.household) == ["T02-3-2-801"] && room.matches[0].foundBy == "room")
        #expect(room.matches[0].phone == "13900000002")   // stored normalised at import
        let none = try store.read { try OwnerSearch(text: "王五", on: LocalDate("2026-05-06")!, in: $0) }
        #expect(none.matches.isEmpty && none.text(showingPersonalData: false, wording: LifecycleWording(language: .en, engine: nil)).hasPrefix("nothing found for '王五'"))
        let closed = try store.read { try OwnerSearch(text: "李四", on: LocalDate("2026-05-06")!, in: $0) }
        #expect(closed.json(showingPersonalData: false).contains("\"phone\": \"139****0002\""))
    }

    @Test func aSeverelyDissatisfiedCallbackIsAFindingToFollowUp() throws {
        let (store, recorder) = try Self.world()
        _ = try recorder.record("KF-2026-000103", LifecycleTests.entry(.complete, on: "2026-05-07"), today: LifecycleTests.today)
        _ = try recorder.record("KF-2026-000103", LifecycleTests.entry(.callback, on: "2026-05-08") { $0.rating = .severelyDissatisfied },
                                today: LifecycleTests.today)
        let status = try store.read { try RevisitStatus.all(on: LocalDate("2026-06-01")!, community: "T02", in: $0) }[0]
        #expect(status.findings == 1 && status.findingsHandled == 0 && status.openFollowUps == ["T02-3-2-801"])
        #expect(status.householdsVisited == 0)
    }

    @Test func workingDaysBetweenTwoDaysCountTheCalendar() throws {
        let calendar = try Fixtures.store().calendar()
        #expect(try calendar.workdays(from: LocalDate("2026-04-30")!, to: LocalDate("2026-05-06")!) == 1)
        #expect(try calendar.workdays(from: LocalDate("2026-05-06")!, to: LocalDate("2026-04-30")!) == -1)
        #expect(try calendar.workdays(from: LocalDate("2026-05-08")!, to: LocalDate("2026-05-11")!) == 2)   // Saturday 9 May worked
        #expect(try calendar.workdays(from: LocalDate("2026-05-11")!, to: LocalDate("2026-05-11")!) == 0)
        #expect(throws: CalendarError.missingYear(2027)) {
            try calendar.workdays(from: LocalDate("2026-12-30")!, to: LocalDate("2027-01-04")!)
        }
    }
}
