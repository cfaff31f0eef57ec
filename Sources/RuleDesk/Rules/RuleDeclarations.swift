import LuaRuntime

/// Where a rule's outputs go besides its decision, as its table declares next to `outputs`:
///
/// ```lua
/// record = { owner_group = "owner_group" },   -- output → the ticket's column it is copied into
/// work_order = { kind = "kind" },             -- output → the work order's column
/// deadlines = { visit_due = "survey" },       -- output (a date) → the event that meets it
/// output_names = { visit_due = "回访期限" },    -- output → its Chinese name, shown beside it to clerks
/// consent = { allowed_by = "may_extend", extends = { "visit_due" } },  -- 3.4.5: the owner's consent to a later date
/// responsible = "owner_group",                -- the output naming who must act: the work queue's department
/// ```
public struct RuleDeclarations: Sendable, Equatable {
    /// Output → ticket column.
    public var record: [String: String] = [:]
    /// Output → work-order column.
    public var workOrder: [String: String] = [:]
    /// Output → the event that meets the deadline.
    public var deadlines: [String: TicketEvent] = [:]
    /// Output → its Chinese name (`approvers` → `审批人`), which a clerk reads beside the output's key.
    public var outputNames: [String: String] = [:]
    /// The owner's consent to a later date: the boolean output that allows recording one, and the deadlines it moves.
    public var consent: Consent?
    /// The output that names who must act on the ticket (the work queue's department); it must also be in `record`.
    public var responsible: String?

    /// What a rule says of consents (`consent = { allowed_by = OUTPUT, extends = { DEADLINE, … } }`).
    public struct Consent: Sendable, Equatable {
        /// A `boolean` output: a consent may be recorded only on a ticket whose decision sets it true.
        public var allowedBy: String
        /// Deadlines of the same rule that a recorded consent moves (shown as extended).
        public var extends: [String]
    }

    /// Reads and checks the declarations of the rule in `path` against its `outputs` and the schema's columns;
    /// `field` reads a key of the rule's table. Fails naming the file, the declaration and what to do.
    static func read(path: String, outputs: [String: OutputType], columns: ResultColumns,
                     field: (String) throws -> LuaValue) throws -> RuleDeclarations {
        func broken(_ problem: String) -> RuleSetError { .contract(path, problem) }
        func pairs(_ key: String, example: String) throws -> [(output: String, target: String)] {
            let value = try field(key)
            if value == .nil { return [] }
            var pairs: [(output: String, target: String)] = []
            for (output, target) in value.tableValue ?? [:] {
                guard let target = target.stringValue else { break }
                pairs.append((output, target))
            }
            guard let table = value.tableValue, pairs.count == table.count else {
                throw broken("`\(key)` must map output names to text, e.g. \(key) = { \(example) }")
            }
            for (output, _) in pairs where outputs[output] == nil {
                throw broken("`\(key)` names output '\(output)', which `outputs` does not declare; fix the name or declare the output")
            }
            return pairs.sorted { $0.output < $1.output }
        }
        func copies(_ key: String, into table: String, _ available: [ResultColumns.Column]) throws -> [String: String] {
            var copies: [String: String] = [:]
            for (output, column) in try pairs(key, example: "my_output = \"\(available.first?.name ?? "column")\"") {
                guard let target = available.first(where: { $0.name == column }) else {
                    throw broken("`\(key)` copies '\(output)' into \(table) column '\(column)', which does not exist; the columns are \(available.map(\.name).joined(separator: ", "))")
                }
                guard target.accepts(outputs[output]!) else {
                    throw broken("`\(key)` copies '\(output)' (\(outputs[output]!)) into \(table) column '\(column)' (\(target.sqlType)), which cannot hold it; copy an output of a fitting type")
                }
                if let other = copies.first(where: { $0.value == column }) {
                    throw broken("`\(key)` copies both '\(other.key)' and '\(output)' into \(table) column '\(column)'; copy one")
                }
                copies[output] = column
            }
            return copies
        }
        var declarations = RuleDeclarations()
        declarations.record = try copies("record", into: "ticket", columns.tickets)
        declarations.workOrder = try copies("work_order", into: "work order", columns.workOrders)
        for (output, name) in try pairs("deadlines", example: "my_due = \"survey\"") {
            guard outputs[output] == .date || outputs[output] == .optional(.date) else {
                throw broken("`deadlines` names '\(output)', whose type is \(outputs[output]!); a deadline must be a date or date? output")
            }
            guard let event = TicketEvent(rawValue: name), event != .reopen else {
                throw broken("`deadlines` says '\(output)' is met by '\(name)', which is not an event; use \(TicketEvent.list)")
            }
            declarations.deadlines[output] = event
        }
        for (output, name) in try pairs("output_names", example: "my_due = \"回访期限\"") {
            guard !name.isEmpty else { throw broken("`output_names` gives '\(output)' an empty name; write its Chinese name") }
            declarations.outputNames[output] = name
        }
        declarations.consent = try readConsent(try field("consent"), outputs: outputs,
                                               deadlines: declarations.deadlines, broken: broken)
        let responsible = try field("responsible")
        if responsible != .nil {
            guard let output = responsible.stringValue, [.string, .optional(.string)].contains(outputs[output]),
                  declarations.record[output] != nil else {
                throw broken("`responsible` must name a string output that `record` copies onto the ticket, e.g. responsible = \"owner_group\" with record = { owner_group = \"…\" }")
            }
            declarations.responsible = output
        }
        return declarations
    }

    private static func readConsent(_ value: LuaValue, outputs: [String: OutputType], deadlines: [String: TicketEvent],
                                    broken: (String) -> RuleSetError) throws -> Consent? {
        if value == .nil { return nil }
        let example = "consent = { allowed_by = \"may_extend\", extends = { \"visit_due\" } }"
        guard let table = value.tableValue, let allowedBy = table["allowed_by"]?.stringValue,
              let extends = table["extends"]?.arrayValue?.compactMap(\.stringValue),
              table["extends"]?.arrayValue?.count == extends.count, !extends.isEmpty, table.count == 2 else {
            throw broken("`consent` must name a boolean output and the deadlines it extends, e.g. \(example)")
        }
        guard outputs[allowedBy] == .boolean else {
            throw broken("`consent` is allowed by '\(allowedBy)', which is not a boolean output of this rule; declare it in `outputs` as \"boolean\"")
        }
        for deadline in extends where deadlines[deadline] == nil {
            throw broken("`consent` extends '\(deadline)', which is not one of this rule's `deadlines`; name a declared deadline")
        }
        return Consent(allowedBy: allowedBy, extends: extends.sorted())
    }
}
