import LuaRuntime

/// The results a batch copies onto the ticket row, so that plain SQL and reports can query them:
/// ticket column ← rule and field of the rule-set contract (a missing rule or field leaves NULL).
enum KeyResults {
    static let columns: [(column: String, rule: String, field: String)] = [
        ("department", "assignment", "department"),
        ("survey_due", "deadlines", "survey_due"),
        ("repair_due", "deadlines", "repair_due"),
        ("resolve_due", "deadlines", "resolve_due"),
        ("tier", "approval", "tier"),
        ("class", "warranty", "class"),
        ("major", "assignment", "major"),
    ]

    static func value(_ column: String, in decision: Decision) -> LuaValue {
        guard let entry = columns.first(where: { $0.column == column }) else { return .nil }
        return decision.results(of: entry.rule)?[entry.field] ?? .nil
    }
}
