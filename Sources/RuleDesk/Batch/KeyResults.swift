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

    /// The (rule, field) pairs, in column order, for ``RuleEngine/record(_:keys:)``.
    static let keys = columns.map { (rule: $0.rule, field: $0.field) }

    static let surveyDueIndex = columns.firstIndex { $0.column == "survey_due" }!
    static let repairDueIndex = columns.firstIndex { $0.column == "repair_due" }!
    /// A work order is issued for a ticket whose class is set (a repair).
    static let classIndex = columns.firstIndex { $0.column == "class" }!
}
