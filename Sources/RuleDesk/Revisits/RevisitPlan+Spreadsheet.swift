extension RevisitPlan {
    /// The plan as a sheet to visit from: one row per household drawn, then one per follow-up, with the columns
    /// `community, on, kind, mode, household, follow_up, with_manager` (dates as dates, flags as booleans).
    public var spreadsheet: SpreadsheetTable {
        func row(_ household: String, followUp: Bool, withManager: Bool?) -> [SpreadsheetCell] {
            [.text(community), .date(on), .text(kind), mode.map(SpreadsheetCell.text) ?? .empty, .text(household),
             .boolean(followUp), withManager.map(SpreadsheetCell.boolean) ?? .empty]
        }
        let rows = households.map { row($0, followUp: false, withManager: nil) }
            + followUps.map { row($0.household, followUp: true, withManager: $0.withManager) }
        return SpreadsheetTable(name: "\(community) \(on)",
                                header: ["community", "on", "kind", "mode", "household", "follow_up", "with_manager"], rows: rows)
    }
}
