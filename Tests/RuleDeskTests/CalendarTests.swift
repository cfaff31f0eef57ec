import Foundation
import Testing
@testable import RuleDesk

@Suite struct CalendarTests {
    let calendar: WorkCalendar

    init() throws {
        calendar = try Fixtures.store().calendar()
    }

    private func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func parsesOnlyRealDates() {
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-1-01") == nil)
        #expect(LocalDate("2026-03-02")?.weekday == 1)
        #expect(LocalDate("2026-03-08")?.weekday == 7)
    }

    @Test(arguments: [
        ("2024-02-29", 24, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2021-06-30", 60, "2026-06-30"),
        ("2024-02-29", 48, "2028-02-29"), ("2025-03-31", -1, "2025-02-28"),
    ])
    func monthsEndOnTheLastDayWhenShorter(start: String, months: Int, end: String) {
        #expect(date(start).adding(months: months).description == end)
    }

    @Test(arguments: [
        // Friday before the Labour Day holiday (05-01..05-05); Saturday 05-09 is a working day.
        ("2026-04-30", 1, "2026-05-06"), ("2026-05-08", 1, "2026-05-09"),
        // On a holiday: count from it all the same.
        ("2026-10-02", 1, "2026-10-08"),
        // An adjusted working Saturday.
        ("2026-02-28", 1, "2026-03-02"), ("2026-02-13", 1, "2026-02-14"),
        ("2026-03-06", 3, "2026-03-11"), ("2026-03-02", 0, "2026-03-02"),
    ])
    func workdaysSkipWeekendsAndHolidays(start: String, n: Int, end: String) throws {
        #expect(try calendar.adding(workdays: n, to: date(start)).description == end)
    }

    @Test func adjustedWorkingDaysAreWorkdays() throws {
        #expect(try calendar.isWorkday(date("2026-02-28")))
        #expect(try !calendar.isWorkday(date("2026-10-01")))
        #expect(try !calendar.isWorkday(date("2026-03-07")))
    }

    @Test func aYearWithoutRowsIsAnError() {
        #expect(throws: CalendarError.missingYear(2027)) { try calendar.adding(workdays: 5, to: date("2026-12-29")) }
        #expect(CalendarError.missingYear(2027).description == "no holiday calendar for 2027: import it with `ruledesk import calendar`")
    }

    @Test func registrationDatesAreLocal() {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        #expect(Timestamp("2026-05-08T00:30:00+08:00")?.localDate(in: shanghai).description == "2026-05-08")
        #expect(Timestamp("2026-03-05T17:00:00Z")?.localDate(in: shanghai).description == "2026-03-06")
        #expect(Timestamp("2026-03-05T17:00:00Z")?.localDate(in: TimeZone(identifier: "UTC")!).description == "2026-03-05")
        #expect(Timestamp("2026-03-05 09:15", zone: shanghai)?.iso8601(in: shanghai) == "2026-03-05T09:15:00+08:00")
        #expect(Timestamp("2026-03-05T09:15:00") == nil)
        #expect(Timestamp("2026-03-05T25:00:00Z") == nil)
    }
}
