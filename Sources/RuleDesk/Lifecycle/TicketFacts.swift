import Foundation

/// The recorded facts of a ticket, folded from its events: what each event changes, and which events cannot have
/// happened given the facts already recorded.
extension Ticket {
    /// Why `entry`, on `date`, cannot be recorded on this ticket registered on `registered`; nil when it can.
    func refusal(of entry: EventEntry, on date: LocalDate, registered: LocalDate, today: LocalDate) -> String? {
        let event = entry.event.rawValue
        if let extra = entry.givenDetails.subtracting(entry.allowedDetails).sorted().first {
            return "\(event) takes no --\(extra)"
        }
        if date < registered { return "\(event) on \(date) is before the ticket was registered (\(registered))" }
        if date > today { return "\(event) on \(date) is after today (\(today)); record only what has happened" }
        if let closed = closedOn, entry.event != .reopen {
            return "the ticket was closed on \(closed); reopen it first (record \(number) reopen --note WHY)"
        }
        switch entry.event {
        case .survey:
            if let completed = completedOn, date > completed {
                return "survey on \(date) is after the completion on \(completed)"
            }
        case .feedback:
            break
        case .consent:
            guard let until = entry.until else { return "consent needs --until DATE, the later date the owner agreed to" }
            if until <= date { return "consent until \(until) is not after the day it was given (\(date))" }
            if let completed = completedOn { return "the work was completed on \(completed); a consent is given before" }
        case .complete:
            if let survey = surveyDate, date < survey { return "completion on \(date) is before the survey on \(survey)" }
            if let cost = entry.cost, cost < 0 || !cost.isFinite { return "--cost must be 0 yuan or more" }
        case .callback:
            guard let completed = completedOn else { return "no completion is recorded; record complete first" }
            if date < completed { return "callback on \(date) is before the completion on \(completed)" }
            if entry.rating == nil {
                return "callback needs --rating \(RevisitResult.Rating.allCases.map(\.rawValue).joined(separator: "|"))"
            }
        case .close:
            if let last = [surveyDate, feedbackOn, completedOn, callbackOn].compactMap({ $0 }).max(), date < last {
                return "closing on \(date) is before the last recorded event (\(last))"
            }
        case .reopen:
            guard let closed = closedOn else { return "the ticket is open; only a closed ticket can be reopened" }
            if date < closed { return "reopening on \(date) is before the closing on \(closed)" }
            if entry.note.trimmingCharacters(in: .whitespaces).isEmpty { return "reopen needs --note saying why" }
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
