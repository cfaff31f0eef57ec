import Foundation

/// The recorded facts of a ticket, folded from its events: what each event changes, and which events cannot have
/// happened given the facts already recorded.
extension Ticket {
    /// Why `entry`, on `date`, cannot be recorded on this ticket registered on `registered`; nil when it can.
    func refusal(of entry: EventEntry, on date: LocalDate, registered: LocalDate, today: LocalDate) -> EventRefusal? {
        let event = entry.event
        if let extra = entry.givenDetails.subtracting(entry.allowedDetails).sorted().first { return .takesNo(event, option: extra) }
        if date < registered { return .beforeRegistration(event, date, registered: registered) }
        if date > today { return .afterToday(event, date, today: today) }
        if let closed = closedOn, event != .reopen { return .closed(closed, number: number) }
        switch event {
        case .survey:
            if let completed = completedOn, date > completed { return .surveyAfterCompletion(date, completed: completed) }
        case .feedback:
            break
        case .consent:
            guard let until = entry.until else { return .consentNeedsUntil }
            if until <= date { return .consentNotLater(until: until, given: date) }
            if let completed = completedOn { return .consentAfterCompletion(completed) }
        case .complete:
            if let survey = surveyDate, date < survey { return .completionBeforeSurvey(date, survey: survey) }
            if let cost = entry.cost, cost < 0 || !cost.isFinite { return .negativeCost }
        case .callback:
            guard let completed = completedOn else { return .noCompletion }
            if date < completed { return .callbackBeforeCompletion(date, completed: completed) }
            if entry.rating == nil { return .callbackNeedsRating }
        case .close:
            if let last = [surveyDate, feedbackOn, completedOn, callbackOn].compactMap({ $0 }).max(), date < last {
                return .closingBeforeLastEvent(date, last: last)
            }
        case .reopen:
            guard let closed = closedOn else { return .notClosed }
            if date < closed { return .reopeningBeforeClosing(date, closed: closed) }
            if entry.note.trimmingCharacters(in: .whitespaces).isEmpty { return .reopenNeedsNote }
        }
        return nil
    }

    /// The ticket with `entry`, on `date`, folded in: the latest event of a kind wins (a correction is a new event).
    mutating func apply(_ entry: EventEntry, on date: LocalDate) {
        switch entry.event {
        case .survey: surveyDate = date
        case .feedback: feedbackOn = date
        case .consent: consentUntil = entry.until
        case .complete:
            completedAt = entry.at ?? date.description
            completedOn = date
            if let cost = entry.cost { finalCost = cost }
            if let callback = callbackOn, callback < date {   // a new completion wants a new callback
                callbackOn = nil
                callbackRating = nil
            }
        case .callback:
            callbackOn = date
            callbackRating = entry.rating?.rawValue
        case .close: closedOn = date
        case .reopen: closedOn = nil
        }
    }
}
