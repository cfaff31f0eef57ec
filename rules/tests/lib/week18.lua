-- rules/tests/lib/week18.lua — the world the report tests run in: two communities in two offices and five
-- tickets around ISO week 2026-W18 (Monday 04-27 to Sunday 05-03), whose Friday to Sunday are the Labour Day
-- holiday (05-01 to 05-05 off): 4 working days. Every deadline below is the default rules' own, worked out here:
--
--   R1 东区 E01 repair, 04-27, surveyed 04-28, done 04-30  survey_due 04-28 met 04-28 (on time)
--                                                           feedback_due 04-30 met 04-29 (on time)
--                                                           repair/resolve/callback due 05-06 (not this week)
--   R2 东区 E01 payment complaint, Friday 04-24             feedback_due 04-29 met 04-30 (late)
--                                                           resolve_due 05-01 unmet (overdue)
--   R3 西区 W01 repair, 04-23, not surveyed, done 04-29     survey_due 04-24 (last week)
--                                                           repair/resolve_due 04-29 met 04-29 (on time)
--                                                           feedback_due 04-28 unmet (overdue)
--                                                           callback_due 04-30 met 04-30 (on time), dissatisfied
--                                                           closed 05-02
--   R4 西区 W01 two-trade repair of 15,000 yuan (major), 04-30: survey_due 05-06 (not this week)
--   R5 东区 E01 design complaint, Sunday 04-26              feedback_due 04-29 unmet (overdue)
--                                                           resolve_due 05-03 unmet (pending: due on the last day)
--
-- Revisits: E01-1-1-101 dissatisfied 04-20, visited again 04-29 (a finding handled);
-- W01-1-1-101 severely dissatisfied 04-28 (a finding open).
-- Use it with: local week18 = require("week18"); setup = week18.setup

local week18 = {}

week18.EAST, week18.WEST = "东区客服处", "西区客服处"

local TICKETS = {
  { number = "R1", community = "E01", received_at = "2026-04-27", kind = "repair", cause = "warranty",
    component = "plumbing", trades = { "plumbing" }, estimated_cost = 800, survey_date = "2026-04-28",
    completed_at = "2026-04-30", facts = { feedback_on = "2026-04-29", final_cost = 750 } },
  { number = "R2", community = "E01", received_at = "2026-04-24", cause = "payment", facts = { feedback_on = "2026-04-30" } },
  { number = "R3", community = "W01", received_at = "2026-04-23", kind = "repair", cause = "warranty",
    component = "decoration", trades = { "tiling" }, estimated_cost = 2000, completed_at = "2026-04-29",
    facts = { callback_on = "2026-04-30", callback_rating = "dissatisfied", closed_on = "2026-05-02" } },
  { number = "R4", community = "W01", received_at = "2026-04-30", kind = "repair", cause = "warranty",
    component = "plumbing", trades = { "plumbing", "electrical" }, estimated_cost = 15000 },
  { number = "R5", community = "E01", received_at = "2026-04-26", cause = "design" },
}

--- Imports the calendar, stores the communities, households, tickets (decided as the batch does) and revisits.
function week18.setup()
  import("calendar", "tests/data/calendar.csv")
  community{ code = "E01", completion_date = "2024-02-29", households_total = 10, office = week18.EAST }
  community{ code = "W01", completion_date = "2024-02-29", households_total = 10, office = week18.WEST }
  household{ code = "E01-1-1-101", community = "E01", moved_in_on = "2024-06-01" }
  household{ code = "W01-1-1-101", community = "W01", moved_in_on = "2024-06-01" }
  for _, fields in ipairs(TICKETS) do
    local ticket = {}
    for key, value in pairs(fields) do
      if key ~= "facts" then
        ticket[key] = value
      end
    end
    evaluate(ticket)
    if fields.facts then
      facts(fields.number, fields.facts)
    end
    decide(fields.number)
  end
  revisit_result{ community = "E01", household = "E01-1-1-101", visited_on = "2026-04-20", mode = "phone", rating = "dissatisfied" }
  revisit_result{ community = "E01", household = "E01-1-1-101", visited_on = "2026-04-29", mode = "in_person", rating = "satisfied" }
  revisit_result{ community = "W01", household = "W01-1-1-101", visited_on = "2026-04-28", mode = "phone", rating = "severely_dissatisfied" }
end

--- A rate as a report holds it.
function week18.rate(numerator, denominator)
  return { numerator = numerator, denominator = denominator }
end

--- The row of a report table whose first cell is `first`, or nil.
function week18.row(section, first)
  for _, row in ipairs(section.rows) do
    if row[1] == first then
      return row
    end
  end
  return nil
end

return week18
