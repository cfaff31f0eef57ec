/// The rule set's declarations together (see ``RuleDeclarations``): which outputs the batch copies onto the
/// ticket and into its work order, and which are deadlines; in rule order, then by output name.
public struct DeclaredResults: Sendable {
    /// One output copied into a column.
    public struct Copy: Sendable, Equatable {
        public let column: String
        public let rule: String
        public let field: String
        /// Where its value is in ``DeclaredResults/keys``.
        let key: Int
    }

    /// One output that is a deadline.
    public struct Deadline: Sendable, Equatable {
        /// The output's name, the deadline's name in `ticket_deadlines`.
        public let name: String
        public let rule: String
        public let event: TicketEvent
        let key: Int
    }

    /// Outputs copied onto the ticket.
    public let ticketColumns: [Copy]
    /// Outputs copied into the ticket's work order.
    public let workOrderColumns: [Copy]
    public let deadlines: [Deadline]
    /// The output that allows recording the owner's consent (its key), and the deadlines a consent moves; nil when
    /// no rule declares `consent`.
    public let consent: (rule: String, field: String, extends: Set<String>)?
    /// Where the consent's allowing output is in ``keys``.
    let consentKey: Int?
    /// The ticket column that holds who must act on the ticket (the rules' `responsible`), for the work queue.
    public let responsibleColumn: String?
    /// Every (rule, field) declared, once each: what the batch reads of a decision.
    let keys: [(rule: String, field: String)]
    /// The work-order columns a value must reach for a work order to be issued (NOT NULL in the schema).
    let requiredWorkOrderColumns: Set<String>

    /// Gathers the declarations of `rules` (in evaluation order). Fails when two rules claim the same column or
    /// deadline, or when the work-order declarations leave a required column without an output.
    init(rules: [Rule], columns: ResultColumns) throws {
        var keys: [(rule: String, field: String)] = []
        func key(_ rule: Rule, _ field: String) -> Int {
            if let index = keys.firstIndex(where: { $0.rule == rule.name && $0.field == field }) { return index }
            keys.append((rule.name, field))
            return keys.count - 1
        }
        func gather(_ declared: KeyPath<RuleDeclarations, [String: String]>, _ what: String) throws -> [Copy] {
            var copies: [Copy] = [], claimed: [String: Rule] = [:]
            for rule in rules {
                for (field, column) in rule.declarations[keyPath: declared].sorted(by: { $0.key < $1.key }) {
                    if let first = claimed[column] {
                        throw RuleSetError.contract(rule.path, "\(what) column '\(column)' is claimed by \(first.path) already; each column takes one rule's output")
                    }
                    claimed[column] = rule
                    copies.append(Copy(column: column, rule: rule.name, field: field, key: key(rule, field)))
                }
            }
            return copies
        }
        ticketColumns = try gather(\.record, "ticket")
        workOrderColumns = try gather(\.workOrder, "work order")
        var deadlines: [Deadline] = [], claimed: [String: Rule] = [:]
        for rule in rules {
            for (field, event) in rule.declarations.deadlines.sorted(by: { $0.key < $1.key }) {
                if let first = claimed[field] {
                    throw RuleSetError.contract(rule.path, "deadline '\(field)' is declared by \(first.path) already; give each deadline its own output name")
                }
                claimed[field] = rule
                deadlines.append(Deadline(name: field, rule: rule.name, event: event, key: key(rule, field)))
            }
        }
        self.deadlines = deadlines
        let consenting = rules.filter { $0.declarations.consent != nil }
        if consenting.count > 1 {
            throw RuleSetError.contract(consenting[1].path, "`consent` is declared by \(consenting[0].path) already; one rule declares it")
        }
        let responsible = rules.filter { $0.declarations.responsible != nil }
        if responsible.count > 1 {
            throw RuleSetError.contract(responsible[1].path, "`responsible` is declared by \(responsible[0].path) already; one rule declares it")
        }
        responsibleColumn = responsible.first.flatMap { rule in rule.declarations.responsible.flatMap { rule.declarations.record[$0] } }
        if let rule = consenting.first, let consent = rule.declarations.consent {
            self.consent = (rule.name, consent.allowedBy, Set(consent.extends))
            consentKey = key(rule, consent.allowedBy)
        } else {
            consent = nil
            consentKey = nil
        }
        requiredWorkOrderColumns = Set(columns.workOrders.filter(\.required).map(\.name))
        if let last = workOrderColumns.last, let path = rules.first(where: { $0.name == last.rule })?.path {
            let missing = requiredWorkOrderColumns.subtracting(workOrderColumns.map(\.column)).sorted()
            if !missing.isEmpty {
                throw RuleSetError.contract(path, "a work order needs \(missing.map { "'\($0)'" }.joined(separator: ", ")), but no rule's `work_order` copies an output into it; declare one")
            }
        }
        self.keys = keys
    }
}
