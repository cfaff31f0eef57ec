/// The working-day calendar: Monday to Friday, minus public holidays, plus adjusted working weekend days.
///
/// It knows only the years it has rows for; asking about any other year is an error rather than a guess.
///
/// ```swift
/// let calendar = WorkCalendar(days: try CalendarDay.fetchAll(db))
/// try calendar.adding(workdays: 1, to: LocalDate("2026-09-30")!)   // 2026-10-09
/// ```
public struct WorkCalendar: Sendable {
    private let daysOff: Set<Int>
    private let workingWeekendDays: Set<Int>
    /// The years with at least one row.
    public let years: Set<Int>
    /// The first day of the first year, and the working days from it up to each day of the known years, for counting.
    private let firstDay: Int
    private let workdaysThrough: [Int]

    public init(days: [CalendarDay]) {
        var off = Set<Int>(), work = Set<Int>(), years = Set<Int>()
        for day in days {
            years.insert(day.date.year)
            switch day.kind {
            case .off: off.insert(day.date.dayNumber)
            case .work: work.insert(day.date.dayNumber)
            }
        }
        daysOff = off
        workingWeekendDays = work
        self.years = years
        var counts: [Int] = []
        if let first = years.min(), let last = years.max() {
            firstDay = LocalDate(year: first, month: 1, day: 1)!.dayNumber
            var running = 0
            for number in firstDay...LocalDate(year: last, month: 12, day: 31)!.dayNumber {
                let day = LocalDate(dayNumber: number)
                if work.contains(number) || (!day.isWeekend && !off.contains(number)) { running += 1 }
                counts.append(running)
            }
        } else {
            firstDay = 0
        }
        workdaysThrough = counts
    }

    /// Whether people work on `date`.
    public func isWorkday(_ date: LocalDate) throws -> Bool {
        try requireYear(of: date)
        if workingWeekendDays.contains(date.dayNumber) { return true }
        return !date.isWeekend && !daysOff.contains(date.dayNumber)
    }

    /// The `n`-th working day after `date`, `date` itself not counted (`n` ≥ 0; 0 gives `date`).
    public func adding(workdays n: Int, to date: LocalDate) throws -> LocalDate {
        guard n >= 0 else { throw CalendarError.negativeWorkdays(n) }
        var day = date, left = n
        while left > 0 {
            day = day.adding(days: 1)
            if try isWorkday(day) { left -= 1 }
        }
        return day
    }

    /// Working days from `start` to `end`, `start` itself not counted: the working days after `start` up to and
    /// including `end`, negative (those after `end` up to and including `start`) when `end` is earlier.
    /// Due tomorrow, a working day: 1; due today: 0; due yesterday, today working: -1.
    public func workdays(from start: LocalDate, to end: LocalDate) throws -> Int {
        let (low, high) = start <= end ? (start, end) : (end, start)
        for year in low.year...high.year { guard years.contains(year) else { throw CalendarError.missingYear(year) } }
        let count = workdaysThrough[high.dayNumber - firstDay] - workdaysThrough[low.dayNumber - firstDay]
        return start <= end ? count : -count
    }

    private func requireYear(of date: LocalDate) throws {
        guard years.contains(date.year) else { throw CalendarError.missingYear(date.year) }
    }
}

/// Why a calendar question has no answer.
public enum CalendarError: Error, Equatable, CustomStringConvertible {
    case missingYear(Int)
    case negativeWorkdays(Int)

    public var description: String {
        switch self {
        case .missingYear(let year):
            return "no holiday calendar for \(year): import it with `ruledesk import calendar`"
        case .negativeWorkdays(let n):
            return "cannot count \(n) working days: the number must be 0 or more"
        }
    }
}
