import GRDB

extension RevisitPlan {
    /// Records the plan (`ruledesk revisit plan --save`): the plan, the households drawn and the follow-ups.
    /// Returns the plan's id.
    @discardableResult
    public func save(in db: Database) throws -> Int64 {
        guard let community = try Community.filter(Column("code") == community).fetchOne(db) else {
            throw RevisitError.unknownCommunity(self.community)
        }
        try db.execute(sql: """
            INSERT INTO revisit_plans (community_id, planned_on, kind, mode, occupancy, sample_size, seed, rules_version, trace, saved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [community.id, on.description, kind, mode, occupancy, sampleSize, seed, rulesVersion,
                             JSONText.encode(.array(trace.map { .string($0) })),
                             Timestamp.nowText()])
        let planId = db.lastInsertedRowID
        let members = households.map { ($0, "sample", false) } + followUps.map { ($0.household, "follow_up", $0.withManager) }
        for (code, role, withManager) in members {
            guard let household = try Household.filter(Column("code") == code && Column("community_id") == community.id).fetchOne(db) else {
                throw RevisitError.unknownHousehold(code, self.community)
            }
            try db.execute(sql: """
                INSERT OR IGNORE INTO revisit_plan_households (plan_id, household_id, role, with_manager) VALUES (?, ?, ?, ?)
                """, arguments: [planId, household.id, role, withManager])
        }
        return planId
    }
}
