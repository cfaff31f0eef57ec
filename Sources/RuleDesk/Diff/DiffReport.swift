import LuaRuntime

/// What `ruledesk diff` found: for each rule and field, the changes of value and how many tickets each
/// touched, with a few examples; and the tickets that fail under either rule set.
public struct DiffReport: Sendable {
    /// One kind of change of one field: `approval.tier: 1→2`.
    public struct Change: Sendable, Equatable {
        public let rule: String
        public let field: String
        /// Values as compact JSON (`null` where the rule or field is absent).
        public let from: String
        public let to: String
        public var tickets: Int
        /// The first tickets it touched (at most ``DiffReport/examplesPerChange``).
        public var examples: [String]
    }

    /// A ticket that fails, and why.
    public struct Failure: Sendable, Equatable {
        public let ticket: String
        public let message: String
    }

    public static let examplesPerChange = 3

    public let currentFolder: String
    public let currentVersion: String
    public let proposedFolder: String
    public let proposedVersion: String
    /// Tickets compared.
    public private(set) var tickets = 0
    /// Tickets with at least one change.
    public private(set) var ticketsChanged = 0
    public private(set) var changes: [Change] = []
    /// Tickets that fail under the proposed rules.
    public private(set) var failures: [Failure] = []
    /// Tickets that fail under the current rules.
    public private(set) var failuresBefore: [Failure] = []
    private var index: [String: Int] = [:]

    init(current: RuleSet, proposed: RuleSet) {
        currentFolder = current.folder
        currentVersion = current.version
        proposedFolder = proposed.folder
        proposedVersion = proposed.version
    }

    /// Counts `count` tickets both rule sets decide with the same results.
    mutating func addUnchanged(_ count: Int) {
        tickets += count
    }

    mutating func add(_ ticket: String, before: Result<Decision, any Error>, after: Result<Decision, any Error>) {
        tickets += 1
        if case .failure(let error) = before { failuresBefore.append(Failure(ticket: ticket, message: "\(error)")) }
        guard case .success(let new) = after else {
            if case .failure(let error) = after { failures.append(Failure(ticket: ticket, message: "\(error)")) }
            return
        }
        guard case .success(let old) = before else { return }
        let differences = old.differences(to: new)
        for difference in differences {
            record(rule: difference.rule, field: difference.field, from: JSONText.encode(difference.before),
                   to: JSONText.encode(difference.after), ticket: ticket)
        }
        if !differences.isEmpty { ticketsChanged += 1 }
    }

    private mutating func record(rule: String, field: String, from: String, to: String, ticket: String) {
        let key = [rule, field, from, to].joined(separator: "\u{0}")
        if let position = index[key] {
            changes[position].tickets += 1
            if changes[position].examples.count < Self.examplesPerChange { changes[position].examples.append(ticket) }
        } else {
            index[key] = changes.count
            changes.append(Change(rule: rule, field: field, from: from, to: to, tickets: 1, examples: [ticket]))
        }
    }

    /// Changes grouped by field, most tickets first.
    public var sortedChanges: [Change] {
        changes.sorted { ($0.rule, $0.field, -$0.tickets, $0.from, $0.to) < ($1.rule, $1.field, -$1.tickets, $1.from, $1.to) }
    }
}
