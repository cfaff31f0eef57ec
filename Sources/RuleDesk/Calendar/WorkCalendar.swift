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
