import GRDB

extension SyntheticWorld {
    /// The offices (客户服务处) the generated communities belong to, in turn.
    static let offices = ["东区客服处", "西区客服处"]
    /// How the generated callbacks were rated, with rough weights.
    static let ratings = ["satisfied": 80, "neutral": 12, "dissatisfied": 6, "severely_dissatisfied": 2]

    /// What happened to a generated ticket after it was registered: the department's feedback, the callback after
    /// a completion and its rating, the closing. Drawn from a stream of its own, so that the tickets themselves
    /// stay what they were before the world had facts. Dates stop at `last`.
    struct Facts {
        var feedbackOn: LocalDate?
        var callbackOn: LocalDate?
        var callbackRating: String?
        var closedOn: LocalDate?

        init(registered: LocalDate, completed: LocalDate?, last: LocalDate, random: inout SplitMix64) {
            func capped(_ date: LocalDate) -> LocalDate? { date <= last ? date : nil }
            if random.chance(0.75) { feedbackOn = capped(registered.adding(days: random.below(6))) }
            guard let completed else { return }
            if random.chance(0.85) {
                callbackOn = capped(completed.adding(days: random.below(3)))
                if callbackOn != nil { callbackRating = random.weighted(SyntheticWorld.ratings) }
            }
            if random.chance(0.7) { closedOn = capped((callbackOn ?? completed).adding(days: 1 + random.below(4))) }
        }

        /// Appends the events the facts come from (`events`, as `ruledesk record` would have).
        func record(ticket: Int64, completed: LocalDate?, in db: Database) throws {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO events (ticket_id, event, on_date, rating, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 'gen', ?)
                """)
            let events: [(String, LocalDate?, String?)] = [
                ("feedback", feedbackOn, nil), ("complete", completed, nil), ("callback", callbackOn, callbackRating),
                ("close", closedOn, nil),
            ]
            for (event, date, rating) in events {
                guard let date else { continue }
                try insert.execute(arguments: [ticket, event, date.description, rating, date.description + "T18:00:00+08:00"])
            }
        }
    }
}
