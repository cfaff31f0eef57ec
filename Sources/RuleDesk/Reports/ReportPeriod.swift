/// The period a report covers, as `ruledesk report` takes it: an ISO week (`2026-W18`, Monday to Sunday), a
/// quarter (`2026-Q2`), a year (`2026`), or two dates.
public enum ReportPeriod: Sendable, Equatable {
    case week(year: Int, week: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)
    case range(LocalDate, LocalDate)

    /// `week`, `quarter`, `year` or `range`: what a report script declares it takes.
    public var kind: String {
        switch self {
        case .week: return "week"
        case .quarter: return "quarter"
        case .year: return "year"
        case .range: return "range"
        }
    }

    /// The period as the command takes it.
    public var label: String {
        switch self {
        case .week(let year, let week): return "\(year)-W\(week < 10 ? "0" : "")\(week)"
        case .quarter(let year, let quarter): return "\(year)-Q\(quarter)"
        case .year(let year): return String(year)
        case .range(let from, let to): return "\(from)..\(to)"
        }
    }

    /// The first and the last day, both included.
    public var days: (from: LocalDate, to: LocalDate) {
        switch self {
        case .week(let year, let week):
            let monday = Self.firstMonday(ofISOYear: year).adding(days: (week - 1) * 7)
            return (monday, monday.adding(days: 6))
        case .quarter(let year, let quarter):
            let first = LocalDate(year: year, month: quarter * 3 - 2, day: 1)!
            return (first, first.adding(months: 3).adding(days: -1))
        case .year(let year):
            return (LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 12, day: 31)!)
        case .range(let from, let to):
            return (from, to)
        }
    }

    /// `2026-W18`; nil when it is not a week of that year.
    public static func week(_ text: String) -> ReportPeriod? {
        let parts = text.uppercased().split(separator: "-W", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1...2).contains(parts[1].count),
              let week = Int(parts[1]), week >= 1, week <= weeks(inISOYear: year) else { return nil }
        return .week(year: year, week: week)
    }

    /// `2026-Q2`; nil otherwise.
    public static func quarter(_ text: String) -> ReportPeriod? {
        let parts = text.uppercased().split(separator: "-Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 1,
              let quarter = Int(parts[1]), (1...4).contains(quarter) else { return nil }
        return .quarter(year: year, quarter: quarter)
    }

    /// `2026`; nil otherwise.
    public static func year(_ text: String) -> ReportPeriod? {
        guard text.count == 4, let year = Int(text), year >= 1000 else { return nil }
        return .year(year)
    }

    /// The ISO week that holds `date`: the period `ruledesk report` covers by default (the week of today).
    public static func week(holding date: LocalDate) -> ReportPeriod {
        let thursday = date.adding(days: 4 - date.weekday)
        let year = thursday.year
        return .week(year: year, week: (thursday.dayNumber - firstMonday(ofISOYear: year).dayNumber) / 7 + 1)
    }

    /// The Monday of ISO week 1: the week that holds 4 January.
    private static func firstMonday(ofISOYear year: Int) -> LocalDate {
        let fourth = LocalDate(year: year, month: 1, day: 4)!
        return fourth.adding(days: 1 - fourth.weekday)
    }

    private static func weeks(inISOYear year: Int) -> Int {
        (firstMonday(ofISOYear: year + 1).dayNumber - firstMonday(ofISOYear: year).dayNumber) / 7
    }
}
