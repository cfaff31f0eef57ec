-- rules/tests/lib/community_t01.lua — the world most rule tests run in: community T01, completed on
-- 2024-02-29, with the 2024–2026 calendar, and tickets received there on Monday 2026-03-02.
-- Use it with:
--   local t01 = require("community_t01")
--   local run = t01.run
--   setup = t01.setup

local t01 = {}

--- Evaluates a ticket of community T01 received on Monday 2026-03-02, with `fields` on top.
function t01.run(fields)
  local ticket = { community = "T01", received_at = "2026-03-02" }
  for key, value in pairs(fields) do
    ticket[key] = value
  end
  return evaluate(ticket)
end

--- Imports the calendar and stores community T01.
function t01.setup()
  import("calendar", "tests/data/calendar.csv")
  community{ code = "T01", completion_date = "2024-02-29", households_total = 100 }
end

return t01
