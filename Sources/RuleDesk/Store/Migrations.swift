import Foundation
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
        migrator.registerMigration("v8: the ticket's life") { db in
            // What happened to a ticket after it was registered, one row per event, never changed (like decisions).
            try db.create(table: "events") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().indexed().references("tickets")
                t.column("event", .text).notNull()
                    .check { ["survey", "feedback", "consent", "complete", "callback", "close", "reopen"].contains($0) }
                // The local date it happened on; `at` the moment, where one was given (a completion).
                t.column("on_date", .text).notNull()
                t.column("at", .text)
                t.column("until", .text)
                t.column("cost", .double)
                t.column("rating", .text)
                t.column("recorded_by", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.column("recorded_at", .text).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                """)
            // The recorded facts, folded from the events onto the ticket: what the rules see and reports group by.
            try db.alter(table: "tickets") { t in
                t.add(column: "completed_on", .text)
                t.add(column: "feedback_on", .text)
                t.add(column: "consent_until", .text)
                t.add(column: "final_cost", .double)
                t.add(column: "callback_on", .text)
                t.add(column: "callback_rating", .text)
                t.add(column: "closed_on", .text)
            }
            let zone = (try? Settings.fromEnvironment().timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
            for row in try Row.fetchAll(db, sql: "SELECT id, completed_at FROM tickets WHERE completed_at IS NOT NULL") {
                let completed: String = row["completed_at"]
                try db.execute(sql: "UPDATE tickets SET completed_on = ? WHERE id = ?",
                               arguments: [Ticket.completionDate(completed, in: zone)?.description, row["id"]])
            }
            // The event a decision followed (none for the batch's).
            try db.alter(table: "decisions") { t in t.add(column: "event_id", .integer).references("events") }
            // A deadline a consent moved (the rules declare which).
            try db.alter(table: "ticket_deadlines") { t in
                t.add(column: "extended", .boolean).notNull().defaults(to: false)
            }
            // Each deadline with the date of the recorded fact that meets it (its event's), for the work queue and
            // reports: met on time when met_on <= due, late when after, overdue when unmet and due has passed.
            try db.execute(sql: """
                CREATE VIEW deadline_clocks AS
                SELECT d.ticket_id, d.deadline, d.due, d.event, d.extended,
                  CASE d.event WHEN 'survey' THEN t.survey_date WHEN 'feedback' THEN t.feedback_on
                    WHEN 'complete' THEN t.completed_on WHEN 'callback' THEN t.callback_on
                    WHEN 'close' THEN t.closed_on END AS met_on,
                  t.closed_on
                FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
                """)
            try db.create(index: "households_by_phone", on: "households", columns: ["phone"])
            try db.create(index: "tickets_by_closed_on", on: "tickets", columns: ["closed_on"])
        }
        migrator.registerMigration("v9: offices and the reports' dates") { db in
            // The customer-service office (客户服务处) a community belongs to; '' is the default office.
            try db.alter(table: "communities") { t in
                t.add(column: "office", .text).notNull().defaults(to: "")
            }
            // The local registration date, which reports count tickets by (the rules get it computed as
            // `registered_on`); filled here for tickets stored before.
            try db.alter(table: "tickets") { t in t.add(column: "registered_on", .text) }
            let zone = (try? Settings.fromEnvironment().timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
            for row in try Row.fetchAll(db, sql: "SELECT id, received_at FROM tickets") {
                let received: String = row["received_at"]
                try db.execute(sql: "UPDATE tickets SET registered_on = ? WHERE id = ?",
                               arguments: [Timestamp(received)?.localDate(in: zone).description, row["id"]])
            }
            // What the reports count by date: a period's registrations, completions, callbacks and closings, each
            // with the community, so that counting one office's reads the index alone.
            try db.create(index: "tickets_by_registered_on", on: "tickets", columns: ["registered_on", "community_id"])
            try db.create(index: "tickets_by_completed_on", on: "tickets", columns: ["completed_on", "community_id"])
            try db.create(index: "tickets_by_callback_on", on: "tickets", columns: ["callback_on", "community_id"])
            try db.create(index: "tickets_by_closed_on_and_community", on: "tickets", columns: ["closed_on", "community_id"])
        }
        migrator.registerMigration("v10: decisions stored compressed, deadlines by ticket") { db in
            // The rule versions decisions were made under, each a number, with the dictionary their results and
            // trace are compressed against (the first decisions under it; see DecisionTexts). `decisions` keeps a
            // decision's results and trace as one Zstandard frame (`texts`, the results' bytes first) and the
            // version's number: read them with StoredDecision.fetchAll, not with SQL.
            try db.create(table: "decision_versions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("version", .text).notNull().unique()
                t.column("dictionary", .blob).notNull()
            }
            try db.create(table: "stored_decisions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().references("tickets")
                t.column("evaluated_at", .text).notNull()
                t.column("version_id", .integer).notNull().references("decision_versions")
                t.column("event_id", .integer).references("events")
                t.column("results_bytes", .integer).notNull()
                t.column("texts", .blob).notNull()
            }
            var dictionaries: [String: (id: Int64, dictionary: DecisionDictionary)] = [:]
            let compressor = DecisionCompressor()
            let insert = try db.makeStatement(sql: """
                INSERT INTO stored_decisions (id, ticket_id, evaluated_at, version_id, event_id, results_bytes, texts)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, ticket_id, evaluated_at, rules_version, event_id, results, trace FROM decisions ORDER BY id
                """)
            while let row = try rows.next() {
                let version: String = row["rules_version"]
                let texts = DecisionTexts(results: row["results"], trace: row["trace"])
                let prepared = try dictionaries[version] ?? DecisionVersions.dictionary(for: version, first: {
                    DecisionDictionary(first: try Row.fetchAll(db, sql: """
                        SELECT results, trace FROM decisions WHERE rules_version = ? ORDER BY id LIMIT 100
                        """, arguments: [version]).map { DecisionTexts(results: $0["results"], trace: $0["trace"]) })
                }, reusing: [], in: db)
                dictionaries[version] = prepared
                try insert.execute(arguments: [row["id"], row["ticket_id"], row["evaluated_at"], prepared.id, row["event_id"],
                                               texts.results.utf8.count,
                                               try compressor.compress(texts, with: prepared.dictionary)])
            }
            try db.drop(table: "decisions")
            try db.rename(table: "stored_decisions", to: "decisions")
            try db.create(index: "decisions_on_ticket_id", on: "decisions", columns: ["ticket_id"])
            try db.create(index: "decisions_by_version", on: "decisions", columns: ["version_id"])
            try db.execute(sql: """
                CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                """)
            // Deadlines kept in the order of their primary key (ticket, deadline) instead of by rowid beside an
            // index of it: one b-tree fewer. The view reading them is made again around the change.
            let clocks = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'view' AND name = 'deadline_clocks'")!
            try db.execute(sql: "DROP VIEW deadline_clocks")
            try db.execute(sql: """
                CREATE TABLE stored_deadlines (
                  ticket_id INTEGER NOT NULL REFERENCES tickets(id), deadline TEXT NOT NULL, due TEXT NOT NULL,
                  event TEXT NOT NULL, extended BOOLEAN NOT NULL DEFAULT 0, PRIMARY KEY (ticket_id, deadline)
                ) WITHOUT ROWID;
                INSERT INTO stored_deadlines (ticket_id, deadline, due, event, extended)
                  SELECT ticket_id, deadline, due, event, extended FROM ticket_deadlines;
                DROP TABLE ticket_deadlines;
                ALTER TABLE stored_deadlines RENAME TO ticket_deadlines;
                CREATE INDEX ticket_deadlines_by_due ON ticket_deadlines(due);
                """)
            try db.execute(sql: clocks)
        }
        migrator.registerMigration("v11-the batch's rows cheaper to write") { db in
            // `decisions` and `work_orders` number their rows without AUTOINCREMENT, which updated a row of
            // `sqlite_sequence` on every insert: neither table ever deletes a row, so the next number is the same.
            try db.execute(sql: """
                CREATE TABLE stored_decisions (
                  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id), evaluated_at TEXT NOT NULL,
                  version_id INTEGER NOT NULL REFERENCES decision_versions(id), event_id INTEGER REFERENCES events(id),
                  results_bytes INTEGER NOT NULL, texts BLOB NOT NULL
                );
                INSERT INTO stored_decisions (id, ticket_id, evaluated_at, version_id, event_id, results_bytes, texts)
                  SELECT id, ticket_id, evaluated_at, version_id, event_id, results_bytes, texts FROM decisions;
                DROP TABLE decisions;
                ALTER TABLE stored_decisions RENAME TO decisions;
                CREATE INDEX decisions_on_ticket_id ON decisions(ticket_id);
                CREATE INDEX decisions_by_version ON decisions(version_id);
                CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
                BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
                CREATE TABLE issued_work_orders (
                  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id), class TEXT NOT NULL,
                  survey_due TEXT, repair_due TEXT, rules_version TEXT NOT NULL, issued_at TEXT NOT NULL
                );
                INSERT INTO issued_work_orders (id, ticket_id, class, survey_due, repair_due, rules_version, issued_at)
                  SELECT id, ticket_id, class, survey_due, repair_due, rules_version, issued_at FROM work_orders;
                DROP TABLE work_orders;
                ALTER TABLE issued_work_orders RENAME TO work_orders;
                """)
            // A batch run's claims on tickets, one small row each, instead of `tickets.claim_run`: taking a claim no
            // longer rewrites the ticket's row. No foreign keys: a claim is only taken for a ticket that exists, and
            // SQLite deletes rows of a table with one in two passes through a temporary table.
            try db.execute(sql: """
                CREATE TABLE ticket_claims (ticket_id INTEGER PRIMARY KEY, run INTEGER NOT NULL);
                INSERT INTO ticket_claims (ticket_id, run) SELECT id, claim_run FROM tickets WHERE claim_run IS NOT NULL;
                ALTER TABLE tickets DROP COLUMN claim_run;
                """)
        }
        return migrator
    }
}
