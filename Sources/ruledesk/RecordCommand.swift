import ArgumentParser
import Foundation
import RuleDesk

extension TicketEvent: ExpressibleByArgument {}
extension RevisitResult.Rating: ExpressibleByArgument {}

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record what happened to a ticket (survey, feedback, consent, complete, callback, close, reopen) and decide it again.",
        discussion: """
            The event is checked against what the ticket has recorded (no callback before the completion, nothing
            on a closed ticket until it is reopened, no date before registration or after today), appended to the
            ticket's events, and the ticket decided again under the version in force; its deadlines then show
            what the event met. A refused event changes nothing.

            Examples:
              ruledesk record KF-2026-000014 survey --on 2026-05-07 --by 王芳
              ruledesk record KF-2026-000014 consent --until 2026-05-29 --note "业主同意延期"
              ruledesk record KF-2026-000014 complete --at 2026-05-20T16:30:00+08:00 --cost 1350
              ruledesk record KF-2026-000014 callback --on 2026-05-21 --rating satisfied
              ruledesk record KF-2026-000014 close --on 2026-05-22
              ruledesk record KF-2026-000014 reopen --note "又漏水了"
            """
    )

    @Argument(help: "The ticket's number, e.g. KF-2026-000014.")
    var number: String

    @Argument(help: ArgumentHelp("What happened: \(TicketEvent.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "event"))
    var event: TicketEvent

    @Option(help: ArgumentHelp("The day it happened (default: today, or the day of --at).", valueName: "date"))
    var on: LocalDate?

    @Option(help: ArgumentHelp("complete: when the work was finished, ISO 8601 (without an offset: the company's time zone).", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("consent: the later date the owner agreed to.", valueName: "date"))
    var until: LocalDate?

    @Option(help: ArgumentHelp("complete: the final cost in yuan.", valueName: "yuan"))
    var cost: Double?

    @Option(help: "callback: the owner's rating.")
    var rating: RevisitResult.Rating?

    @Option(help: ArgumentHelp("Who records it (default: the login name).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("Why, or what was said.", valueName: "text"))
    var note: String = ""

    @OptionGroup var output: FormatOptions

    @OptionGroup var language: LanguageOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let store = try database.open(for: .write)
        var entry = EventEntry(event: event, by: by ?? Recorder.loginName)
        entry.on = on
        entry.at = at
        entry.until = until
        entry.cost = cost
        entry.rating = rating
        entry.note = note
        let recorder = try EventRecorder(store: store, settings: settings)
        let recorded = try recorder.record(number, entry, today: settings.today)
        let wording = LifecycleWording(language: language.language, engine: recorder.engine)
        let calendar = try store.calendar()
        let today = settings.today
        if output.format == .json {
            Terminal.print(JSONText.object([
                ("ticket", JSONText.quote(recorded.number)), ("event", JSONText.quote(recorded.event.rawValue)),
                ("on", JSONText.quote(recorded.on.description)),
                ("error", recorded.failure.map { JSONText.quote($0.message) } ?? "null"),
                ("sla", try recorded.clocks.json(on: today, calendar: calendar)),
            ]))
        } else {
            Terminal.print(wording.say(.recorded(recorded.event, on: wording.date(recorded.on), ticket: recorded.number)))
            Terminal.print(try recorded.clocks.text(on: today, calendar: calendar, wording: wording))
        }
        if let failure = recorded.failure {
            throw CommandFailure(message: wording.say(.rulesFailedAfterEvent("\(recorded.number): \(failure.message)")), status: 3)
        }
    }
}

/// Who is recording, when `--by` is not given.
enum Recorder {
    static var loginName: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LOGNAME"] ?? "unknown"
    }
}
