import LuaRuntime

/// The fields a `plan` function must return, checked like a rule's declared outputs.
struct PlanOutput {
    let rule: Rule

    private func broken(_ problem: String) -> RuleFailure {
        RuleFailure(rule: rule.name, path: rule.path, kind: .output, message: "\(rule.path): plan of rule '\(rule.name)': \(problem)")
    }

    func check(_ value: LuaValue, community: Community, on date: LocalDate, seed: String, version: String,
               trace: [String]) throws -> RevisitPlan {
        guard let fields = value.tableValue else { throw broken("must return a table") }
        let known: Set<String> = ["kind", "mode", "occupancy", "sample_size", "households", "follow_ups"]
        if let extra = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw broken("returned '\(extra)', which a plan does not have")
        }
        guard let kind = fields["kind"]?.stringValue, ["first", "annual", "none"].contains(kind) else {
            throw broken("kind should be first, annual or none")
        }
        let mode = fields["mode"]?.stringValue
        if fields["mode"] != nil, mode == nil { throw broken("mode should be a text or nil") }
        guard let occupancy = fields["occupancy"]?.doubleValue, (0...1).contains(occupancy) else {
            throw broken("occupancy should be a number from 0 to 1")
        }
        guard let size = fields["sample_size"]?.integerValue, size >= 0 else {
            throw broken("sample_size should be a whole number, 0 or more")
        }
        guard let drawn = (fields["households"] ?? .array([])).arrayValue, drawn.allSatisfy({ $0.stringValue != nil }) else {
            throw broken("households should be a list of household codes")
        }
        let households = drawn.compactMap(\.stringValue)
        guard households.count == size else {
            throw broken("households has \(households.count) codes but sample_size is \(size)")
        }
        guard let followUpValues = (fields["follow_ups"] ?? .array([])).arrayValue else {
            throw broken("follow_ups should be a list of { household = CODE, with_manager = true|false }")
        }
        let followUps = try followUpValues.map { item -> RevisitPlan.FollowUp in
            guard let code = item["household"].stringValue else { throw broken("each follow-up needs a household code") }
            return RevisitPlan.FollowUp(household: code, withManager: item["with_manager"].boolValue ?? false)
        }
        return RevisitPlan(community: community.code, on: date, kind: kind, mode: mode, occupancy: occupancy,
                           sampleSize: Int(size), households: households, followUps: followUps, seed: seed,
                           rulesVersion: version, trace: trace)
    }
}
