import GRDB

/// The schema, one migration per change. Table and column names are part of the interface: reports read
/// them with plain SQL.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: records and decisions") { db in
            try db.create(table: "communities") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("completion_date", .text).notNull()
                t.column("handover_date", .text)
                t.column("households_total", .integer).notNull().check { $0 >= 0 }
            }
            try db.create(table: "households") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("community_id", .integer).notNull().indexed().references("communities")
                t.column("building", .text).notNull()
                t.column("unit", .text).notNull()
                t.column("room", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("phone", .text).notNull()
                t.column("moved_in_on", .text)
            }
            try db.create(table: "contractors") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("deposit", .double).notNull()
            }
            try db.create(table: "calendar_days") { t in
                t.primaryKey("date", .text)
                t.column("kind", .text).notNull().check { ["off", "work"].contains($0) }
                t.column("name", .text).notNull()
            }
            try db.create(table: "tickets") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("number", .text).notNull().unique()
                t.column("received_at", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("community_id", .integer).notNull().indexed().references("communities")
                t.column("household_id", .integer).indexed().references("households")
                t.column("cause", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("component", .text)
                t.column("trades", .text).notNull().defaults(to: "")
                t.column("complex", .boolean).notNull().defaults(to: false)
                t.column("estimated_cost", .double)
                t.column("households_affected", .integer).notNull().defaults(to: 1)
                t.column("hazard", .boolean).notNull().defaults(to: false)
                t.column("media", .boolean).notNull().defaults(to: false)
                t.column("survey_date", .text)
                t.column("completed_at", .text)
                t.column("description", .text).notNull().defaults(to: "")
                t.column("status", .text).notNull().defaults(to: "new").indexed()
            }
            try db.create(table: "decisions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().indexed().references("tickets")
                t.column("evaluated_at", .text).notNull()
                t.column("rules_version", .text).notNull()
                t.column("results", .text).notNull()
                t.column("trace", .text).notNull()
            }
            // Decisions are history: refuse changes and deletions at the database itself.
            try db.execute(sql: """
                CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                """)
        }
        migrator.registerMigration("v2: revisit plans and results") { db in
            try db.create(table: "revisit_plans") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("community_id", .integer).notNull().indexed().references("communities")
                t.column("planned_on", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("mode", .text)
                t.column("occupancy", .double).notNull()
                t.column("sample_size", .integer).notNull()
                t.column("seed", .text).notNull()
                t.column("rules_version", .text).notNull()
                t.column("trace", .text).notNull()
                t.column("saved_at", .text).notNull()
            }
            try db.create(table: "revisit_plan_households") { t in
                t.column("plan_id", .integer).notNull().indexed().references("revisit_plans", onDelete: .cascade)
                t.column("household_id", .integer).notNull().references("households")
                t.column("role", .text).notNull().check { ["sample", "follow_up"].contains($0) }
                t.column("with_manager", .boolean).notNull().defaults(to: false)
                t.primaryKey(["plan_id", "household_id", "role"])
            }
            try db.create(table: "revisit_results") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("community_id", .integer).notNull().indexed().references("communities")
                t.column("household_id", .integer).notNull().indexed().references("households")
                t.column("visited_on", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("rating", .text).notNull()
                    .check { ["satisfied", "neutral", "dissatisfied", "severely_dissatisfied"].contains($0) }
                t.column("notes", .text).notNull().defaults(to: "")
            }
        }
        migrator.registerMigration("v3: batch results, claims and work orders") { db in
            try db.alter(table: "tickets") { t in
                // Key results copied from the latest decision, for plain SQL and reports.
                t.add(column: "department", .text)
                t.add(column: "survey_due", .text)
                t.add(column: "repair_due", .text)
                t.add(column: "resolve_due", .text)
                t.add(column: "tier", .integer)
                t.add(column: "class", .text)
                t.add(column: "major", .boolean)
                t.add(column: "rules_version", .text)
                t.add(column: "evaluated_at", .text)
                t.add(column: "error", .text)
                // The batch run that has claimed the ticket, while it works on it.
                t.add(column: "claim_run", .integer)
            }
            try db.create(table: "batch_runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("started_at", .text).notNull()
                t.column("heartbeat_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("outcome", .text)
            }
            try db.create(table: "work_orders") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().unique().references("tickets")
                t.column("class", .text).notNull()
                t.column("survey_due", .text)
                t.column("repair_due", .text)
                t.column("rules_version", .text).notNull()
                t.column("issued_at", .text).notNull()
            }
        }
        migrator.registerMigration("v4: rule versions kept for history") { db in
            try db.create(table: "rule_files") { t in
                t.primaryKey("hash", .text)
                t.column("source", .text).notNull()
            }
            try db.create(table: "rule_versions") { t in
                t.primaryKey("version", .text)
                t.column("folder", .text).notNull()
                t.column("first_seen", .text).notNull()
            }
            try db.create(table: "rule_version_files") { t in
                t.column("version", .text).notNull().references("rule_versions")
                t.column("name", .text).notNull()
                t.column("file_hash", .text).notNull().references("rule_files")
                t.primaryKey(["version", "name"])
            }
            try db.create(index: "decisions_by_version", on: "decisions", columns: ["rules_version"])
        }
        migrator.registerMigration("v5: batch runs know their process's start") { db in
            try db.alter(table: "batch_runs") { t in t.add(column: "process_start", .text) }
        }
        migrator.registerMigration("v6: rule publications") { db in
            try db.create(table: "publications") { t in
                t.autoIncrementedPrimaryKey("id")
                // The publication's place in the line; one number each, so two racing publications cannot both be next.
                t.column("sequence", .integer).notNull().unique()
                t.column("version", .text).notNull().indexed().references("rule_versions")
                t.column("replaces", .text)
                t.column("kind", .text).notNull().check { ["publish", "rollback"].contains($0) }
                t.column("published_by", .text).notNull()
                t.column("published_at", .text).notNull()
                t.column("note", .text).notNull()
                t.column("check_summary", .text).notNull()
                t.column("test_summary", .text).notNull()
                t.column("diff_summary", .text).notNull()
            }
            // Publications are history, like decisions.
            try db.execute(sql: """
                CREATE TRIGGER publications_append_only_update BEFORE UPDATE ON publications
                BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;
                CREATE TRIGGER publications_append_only_delete BEFORE DELETE ON publications
                BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;
                """)
        }
        migrator.registerMigration("v7: deadlines the rules declare") { db in
            // One row per deadline of a ticket's latest decision: the declared output's name, its date, and the
            // event that meets it. Which outputs are copied onto tickets and work orders the rules declare too.
            try db.create(table: "ticket_deadlines") { t in
                t.column("ticket_id", .integer).notNull().references("tickets")
                t.column("deadline", .text).notNull()
                t.column("due", .text).notNull()
                t.column("event", .text).notNull()
                t.primaryKey(["ticket_id", "deadline"])
            }
            try db.create(index: "ticket_deadlines_by_due", on: "ticket_deadlines", columns: ["due"])
        }
        return migrator
    }
}
