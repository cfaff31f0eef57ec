/// Why an event cannot be recorded on a ticket (`ruledesk record`, `import events`, the console's `record`).
public enum EventRefusal: ClerkMessage, Equatable {
    case takesNo(TicketEvent, option: String)
    case beforeRegistration(TicketEvent, LocalDate, registered: LocalDate)
    case afterToday(TicketEvent, LocalDate, today: LocalDate)
    case closed(LocalDate, number: String)
    case surveyAfterCompletion(LocalDate, completed: LocalDate)
    case consentNeedsUntil
    case consentNotLater(until: LocalDate, given: LocalDate)
    case consentAfterCompletion(LocalDate)
    case completionBeforeSurvey(LocalDate, survey: LocalDate)
    case negativeCost
    case noCompletion
    case callbackBeforeCompletion(LocalDate, completed: LocalDate)
    case callbackNeedsRating
    case closingBeforeLastEvent(LocalDate, last: LocalDate)
    case notClosed
    case reopeningBeforeClosing(LocalDate, closed: LocalDate)
    case reopenNeedsNote
    /// `--at` that is not a time.
    case notATime(String)
    /// `--on` and `--at` on different days.
    case differentDays(LocalDate, at: String)
    /// The rules in force declare no `consent`.
    case noConsentDeclared
    /// The decision's output that allows a consent (`rule.field`) is not true.
    case consentNotAllowed(String)
    /// The stored `received_at` is not a time.
    case badReceivedAt(String)

    public var texts: Bilingual {
        func zh(_ date: LocalDate) -> String { Language.zh.date(date) }
        switch self {
        case .takesNo(let event, let option):
            return Bilingual(en: "\(event.rawValue) takes no --\(option)", zh: "\(Self.name(event))不需要 --\(option)")
        case .beforeRegistration(let event, let day, let registered):
            return Bilingual(en: "\(event.rawValue) on \(day) is before the ticket was registered (\(registered))",
                             zh: "\(Self.name(event))日期 \(zh(day)) 早于工单登记日(\(zh(registered)))")
        case .afterToday(let event, let day, let today):
            return Bilingual(en: "\(event.rawValue) on \(day) is after today (\(today)); record only what has happened",
                             zh: "\(Self.name(event))日期 \(zh(day)) 晚于今天(\(zh(today))),只能登记已经发生的事项")
        case .closed(let day, let number):
            return Bilingual(en: "the ticket was closed on \(day); reopen it first (record \(number) reopen --note WHY)",
                             zh: "工单已于 \(zh(day)) 结案;请先重新打开(record \(number) reopen --note 原因)")
        case .surveyAfterCompletion(let day, let completed):
            return Bilingual(en: "survey on \(day) is after the completion on \(completed)",
                             zh: "勘察日期 \(zh(day)) 晚于完工日期 \(zh(completed))")
        case .consentNeedsUntil:
            return Bilingual(en: "consent needs --until DATE, the later date the owner agreed to", zh: "客户同意延期须写明 --until 日期,即客户同意的完成日期")
        case .consentNotLater(let until, let given):
            return Bilingual(en: "consent until \(until) is not after the day it was given (\(given))",
                             zh: "同意延至 \(zh(until)) 不晚于同意当天(\(zh(given)))")
        case .consentAfterCompletion(let completed):
            return Bilingual(en: "the work was completed on \(completed); a consent is given before",
                             zh: "已于 \(zh(completed)) 完工;客户同意延期须在完工之前")
        case .completionBeforeSurvey(let day, let survey):
            return Bilingual(en: "completion on \(day) is before the survey on \(survey)", zh: "完工日期 \(zh(day)) 早于勘察日期 \(zh(survey))")
        case .negativeCost:
            return Bilingual(en: "--cost must be 0 yuan or more", zh: "--cost 结算金额不能小于 0 元")
        case .noCompletion:
            return Bilingual(en: "no completion is recorded; record complete first", zh: "尚未登记完工;请先登记完工")
        case .callbackBeforeCompletion(let day, let completed):
            return Bilingual(en: "callback on \(day) is before the completion on \(completed)",
                             zh: "回访日期 \(zh(day)) 早于完工日期 \(zh(completed))")
        case .callbackNeedsRating:
            let ratings = RevisitResult.Rating.allCases.map(\.rawValue).joined(separator: "|")
            return Bilingual(en: "callback needs --rating \(ratings)", zh: "电话回访须写明 --rating 满意度(\(ratings))")
        case .closingBeforeLastEvent(let day, let last):
            return Bilingual(en: "closing on \(day) is before the last recorded event (\(last))",
                             zh: "结案日期 \(zh(day)) 早于最后登记的事项(\(zh(last)))")
        case .notClosed:
            return Bilingual(en: "the ticket is open; only a closed ticket can be reopened", zh: "工单未结案;只有已结案的工单才能重新打开")
        case .reopeningBeforeClosing(let day, let closed):
            return Bilingual(en: "reopening on \(day) is before the closing on \(closed)", zh: "重新打开日期 \(zh(day)) 早于结案日期 \(zh(closed))")
        case .reopenNeedsNote:
            return Bilingual(en: "reopen needs --note saying why", zh: "重新打开须用 --note 写明原因")
        case .notATime(let text):
            return Bilingual(en: "--at '\(text)' is not a time; write e.g. 2026-05-12 16:30 or 2026-05-12T16:30:00+08:00",
                             zh: "--at「\(text)」不是时间;请写成 2026-05-12 16:30 或 2026-05-12T16:30:00+08:00")
        case .differentDays(let on, let at):
            return Bilingual(en: "--on \(on) and --at \(at) name different days; give one", zh: "--on \(zh(on)) 与 --at \(at) 不是同一天;只写一个")
        case .noConsentDeclared:
            return Bilingual(en: "the rules in force declare no `consent`, so no deadline can be extended",
                             zh: "现行规则没有声明 `consent`,任何期限都不能延期")
        case .consentNotAllowed(let output):
            return Bilingual(en: "its decision does not allow a consent (\(output) is not true): only the cases the rules name may be extended",
                             zh: "该工单的处理结论不允许延期(\(output) 不为 true):只有规则规定的情形才可延期")
        case .badReceivedAt(let text):
            return Bilingual(en: "its received_at '\(text)' is not a time; fix the ticket first", zh: "工单的登记时间「\(text)」不是时间;请先更正工单")
        }
    }

    private static func name(_ event: TicketEvent) -> String { LifecycleMessage.event(event).text(in: .zh) }

    public static let examples: [EventRefusal] = {
        let day = LocalDate("2026-05-07")!, other = LocalDate("2026-05-06")!
        return [.takesNo(.survey, option: "cost"), .beforeRegistration(.survey, other, registered: day),
                .afterToday(.callback, day, today: other), .closed(other, number: "KF-2026-000014"),
                .surveyAfterCompletion(day, completed: other), .consentNeedsUntil, .consentNotLater(until: other, given: day),
                .consentAfterCompletion(other), .completionBeforeSurvey(other, survey: day), .negativeCost, .noCompletion,
                .callbackBeforeCompletion(other, completed: day), .callbackNeedsRating, .closingBeforeLastEvent(other, last: day),
                .notClosed, .reopeningBeforeClosing(other, closed: day), .reopenNeedsNote, .notATime("soon"),
                .differentDays(day, at: "2026-05-06T10:00:00+08:00"), .noConsentDeclared, .consentNotAllowed("deadlines.needs_consent"),
                .badReceivedAt("x")]
    }()
}
