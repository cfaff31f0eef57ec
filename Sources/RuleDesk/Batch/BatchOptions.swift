/// What a batch evaluates and how.
public struct BatchOptions: Sendable {
    /// Which tickets a batch takes.
    public enum Selection: String, Sendable {
        /// Tickets in status `new` (the default).
        case new
        /// Tickets in status `rule_error`, tried again (`--retry-errors`).
        case errors
        /// Open tickets (not closed) whose latest decision is not under the current rule version
        /// (`--reevaluate`): new decisions are appended, the old ones stay.
        case reevaluate
    }

    public var selection: Selection = .new
    /// At most this many tickets.
    public var limit: Int?
    /// Lua states evaluating in parallel, from 1 to ``maxJobs``.
    public var jobs: Int = 1
    /// The most Lua states a batch or a diff evaluates on: each holds a rule set and up to its memory cap.
    public static let maxJobs = 64
    /// Evaluate and report, write nothing.
    public var dryRun = false
    /// Tickets claimed and committed together.
    public var chunkSize = 1000

    public init() {}
}
