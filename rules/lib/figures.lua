-- rules/lib/figures.lua — the figures of the customer-service reports (POLICY.md 6, clauses 3.10, 3.7, 3.4.4),
-- counted from the records with read-only SQL; the report scripts in rules/reports/ lay them out.
--
-- Every figure covers the days from `from` to `to` (both included) and shows the state at the end of `to`:
-- a fact recorded on a later date does not count yet. A deadline that fell due in the period is
--   met on time  when it was met on or before its due date,
--   late         when it was met after its due date (by the end of the period),
--   overdue      when it is still unmet and its due date is before the period's last day,
--   pending      when it is still unmet and it is due on the period's last day (it may still be met on time).
-- An on-time rate counts the deadlines met on time of those whose outcome is known (on time, late, overdue):
-- pending ones are left out, and a rate with nothing to count is empty, not 0 % or 100 %.
-- `office` is a customer-service office's name, or nil for the whole company.

local actors = require("actors")
local vocabulary_names = require("vocabulary_names")   -- the Chinese names of causes and channels

local figures = {}

-- What the reports call each deadline the rules declare (ctx.deadlines); one not named here shows its own name.
figures.DEADLINE_NAMES = {
  survey_due = "现场勘察",    -- 3.4.5: within 1 working day
  feedback_due = "部门反馈",  -- 3.4.2.2: within 3 working days
  repair_due = "维修",        -- 3.4.5: 3 or 7 working days; its rate is 维修及时率
  resolve_due = "投诉处理",   -- 3.4.5: resolved within the deadline
  callback_due = "电话回访",  -- 3.5.4: within 1 working day of completion
}
figures.REPAIR_DEADLINE = "repair_due"   -- the deadline whose rate is 维修及时率 (3.4.5)

-- How callbacks are rated (3.5.4), in Chinese.
figures.RATING_NAMES = {
  satisfied = "满意", neutral = "一般", dissatisfied = "不满意", severely_dissatisfied = "非常不满意",
}
figures.RATING_ORDER = { "satisfied", "neutral", "dissatisfied", "severely_dissatisfied" }
-- 3.7.5.6: a revisit rated one of these is a finding, handled once the household is visited again.
figures.FINDING_RATINGS = "'dissatisfied', 'severely_dissatisfied'"
figures.MOST_OVERDUE = 10                -- the weekly report lists the ten most overdue open tickets
figures.MAJOR_LISTED = 50                -- and at most this many major complaints (all are counted)
figures.DEFAULT_OFFICE_NAME = "默认客服处"  -- the office of communities imported without one

--- A rate that says what it counts.
function figures.rate(numerator, denominator)
  return { numerator = numerator, denominator = denominator }
end

--- The name a report shows for a key of one of the tables above (the key itself when it has none).
local function name_of(names, key)
  if key == nil or key == "" then
    return "(未填)"
  end
  return names[key] or key
end

function figures.department_name(key) return name_of(actors.NAMES, key) end
function figures.deadline_name(key) return name_of(figures.DEADLINE_NAMES, key) end
function figures.rating_name(key) return name_of(figures.RATING_NAMES, key) end
function figures.office_name(office)
  if office == "" then
    return figures.DEFAULT_OFFICE_NAME
  end
  return office
end
function figures.cause_name(key)
  return (key == nil or key == "") and name_of({}, key) or vocabulary_names.name("cause", key)
end
function figures.channel_name(key)
  return (key == nil or key == "") and name_of({}, key) or vocabulary_names.name("channel", key)
end

-- The tickets of the office (?3; NULL: every office), as a join and a condition on tickets t.
local OF_OFFICE = " JOIN communities c ON c.id = t.community_id AND (?3 IS NULL OR c.office = ?3) "

--- The days from `from` to `to`, in order.
function figures.days(ctx, from, to)
  local days, day = {}, from
  while day <= to do
    days[#days + 1] = day
    day = ctx.calendar:add_days(day, 1)
  end
  return days
end

--- How many of the days from `from` to `to` are working days.
function figures.workdays(ctx, from, to)
  local count = 0
  for _, day in ipairs(figures.days(ctx, from, to)) do
    if ctx.calendar:is_workday(day) then
      count = count + 1
    end
  end
  return count
end

--- The headline counts of a period: received, major, completed, callbacks made, closed.
function figures.totals(ctx, from, to, office)
  local row = ctx.query([[
    SELECT
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.registered_on BETWEEN ?1 AND ?2) AS received,
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.registered_on BETWEEN ?1 AND ?2 AND t.major) AS major,
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.completed_on BETWEEN ?1 AND ?2) AS completed,
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.callback_on BETWEEN ?1 AND ?2) AS callbacks,
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.closed_on BETWEEN ?1 AND ?2) AS closed
  ]], from, to, office)[1]
  return row
end

--- How many tickets are open at the end of `to`: registered by then and not closed by then (a ticket is closed
--- after its registration, so this is the registered less the closed).
function figures.open_at(ctx, to, office)
  local row = ctx.query([[
    SELECT
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.registered_on <= ?2) AS registered,
      (SELECT COUNT(*) FROM tickets t]] .. OF_OFFICE .. [[WHERE t.closed_on <= ?2) AS closed
  ]], nil, to, office)[1]
  return row.registered - row.closed
end

--- Tickets received in the period, counted by `column` of tickets (cause, department, channel), most first.
function figures.received_by(ctx, column, from, to, office)
  return ctx.query("SELECT t." .. column .. " AS key, COUNT(*) AS n FROM tickets t" .. OF_OFFICE ..
    "WHERE t.registered_on BETWEEN ?1 AND ?2 GROUP BY t." .. column .. " ORDER BY n DESC, key", from, to, office)
end

--- The major complaints (重大投诉, 3.4.7) received in the period, the first `limit` of them in order.
function figures.major(ctx, from, to, office, limit)
  return ctx.query([[
    SELECT t.number, t.registered_on, c.code AS community, t.department, t.estimated_cost, t.households_affected,
      t.hazard, t.media, CASE WHEN t.closed_on <= ?2 THEN t.closed_on END AS closed_on
    FROM tickets t]] .. OF_OFFICE .. [[WHERE t.registered_on BETWEEN ?1 AND ?2 AND t.major
    ORDER BY t.registered_on, t.number LIMIT ?4]], from, to, office, limit)
end

-- The state of each deadline that fell due from ?1 to ?2, as of the end of ?2.
local STATES = [[
  SUM(k.met_on IS NOT NULL AND k.met_on <= ?2 AND k.met_on <= k.due) AS on_time,
  SUM(k.met_on IS NOT NULL AND k.met_on <= ?2 AND k.met_on > k.due) AS late,
  SUM((k.met_on IS NULL OR k.met_on > ?2) AND k.due < ?2) AS overdue,
  SUM((k.met_on IS NULL OR k.met_on > ?2) AND k.due >= ?2) AS pending,
  COUNT(*) AS due
]]

local function with_rate(row)
  row.on_time, row.late = row.on_time or 0, row.late or 0
  row.overdue, row.pending, row.due = row.overdue or 0, row.pending or 0, row.due or 0
  row.rate = figures.rate(row.on_time, row.on_time + row.late + row.overdue)
  return row
end

-- The deadlines that fell due in a period, counted by deadline, responsible department and office in one read,
-- once per period and report: the summary, the deadlines table, the department chart and each office sum these
-- counts instead of reading the period's deadlines again. The module is fresh for every report, so nothing is
-- kept from one report to the next.
local counts_of = {}

local function deadline_counts(ctx, from, to)
  local key = from .. "|" .. to
  if counts_of[key] == nil then
    counts_of[key] = ctx.query("SELECT k.deadline, t.department, c.office, " .. STATES ..
      " FROM deadline_clocks k JOIN tickets t ON t.id = k.ticket_id JOIN communities c ON c.id = t.community_id" ..
      " WHERE k.due BETWEEN ?1 AND ?2 GROUP BY t.department, c.office, k.deadline ORDER BY t.department", from, to)
  end
  return counts_of[key]
end

local STATE_NAMES = { "on_time", "late", "overdue", "pending", "due" }
local NONE = {}   -- the key of the counts whose `field` is NULL (a ticket without a department)

-- The period's counts of the office (nil: every office) summed by `field` (deadline, department), in the order of
-- the counts: one row per value of the field, with the field and the states.
local function summed_by(ctx, from, to, office, field)
  local list, by_key = {}, {}
  for _, counts in ipairs(deadline_counts(ctx, from, to)) do
    if office == nil or counts.office == office then
      local key = counts[field] == nil and NONE or counts[field]
      local row = by_key[key]
      if row == nil then
        row = { [field] = counts[field] }
        for _, state in ipairs(STATE_NAMES) do
          row[state] = 0
        end
        by_key[key] = row
        list[#list + 1] = row
      end
      for _, state in ipairs(STATE_NAMES) do
        row[state] = row[state] + counts[state]
      end
    end
  end
  return list
end

--- Per deadline the rules declare, in their order: how many fell due, on time, late, overdue, pending, the rate.
function figures.deadlines(ctx, from, to, office)
  local by_name = {}
  for _, row in ipairs(summed_by(ctx, from, to, office, "deadline")) do
    by_name[row.deadline] = row
  end
  local list = {}
  for _, declared in ipairs(ctx.deadlines) do
    list[#list + 1] = with_rate(by_name[declared.name] or { deadline = declared.name })
  end
  return list
end

--- Every deadline that fell due in the period, by the ticket's responsible department: the on-time rate.
function figures.deadlines_by_department(ctx, from, to, office)
  local rows = summed_by(ctx, from, to, office, "department")
  for _, row in ipairs(rows) do
    with_rate(row)
  end
  return rows
end

--- Repairs received in the period by approval tier and work-order class: how many, estimated and final costs.
function figures.repairs(ctx, from, to, office)
  return ctx.query([[
    SELECT t.tier, t.class, COUNT(*) AS n, COALESCE(SUM(t.estimated_cost), 0) AS estimated,
      SUM(t.completed_on IS NOT NULL AND t.completed_on <= ?2) AS completed,
      COALESCE(SUM(CASE WHEN t.completed_on <= ?2 THEN t.final_cost END), 0) AS final
    FROM tickets t]] .. OF_OFFICE .. [[WHERE t.kind = 'repair' AND t.registered_on BETWEEN ?1 AND ?2
    GROUP BY t.tier, t.class ORDER BY t.tier IS NULL, t.tier, t.class IS NULL, t.class]], from, to, office)
end

--- Callbacks made in the period, by rating.
function figures.callbacks(ctx, from, to, office)
  local rows = ctx.query("SELECT t.callback_rating AS rating, COUNT(*) AS n FROM tickets t" .. OF_OFFICE ..
    "WHERE t.callback_on BETWEEN ?1 AND ?2 GROUP BY t.callback_rating", from, to, office)
  local by_rating, list = {}, {}
  for _, row in ipairs(rows) do
    by_rating[row.rating or ""] = row.n
  end
  for _, rating in ipairs(figures.RATING_ORDER) do
    list[#list + 1] = { rating = rating, n = by_rating[rating] or 0 }
    by_rating[rating] = nil
  end
  local unknown = {}
  for rating in pairs(by_rating) do   -- a rating the list above does not know, after the known ones
    unknown[#unknown + 1] = rating
  end
  table.sort(unknown)
  for _, rating in ipairs(unknown) do
    list[#list + 1] = { rating = rating, n = by_rating[rating] }
  end
  return list
end

--- Per community of the office with a revisit plan on or before `to`: its latest plan, and how many of the
--- planned households were visited from the plan's date to `to` (3.7.5).
function figures.revisits(ctx, _from, to, office)
  return ctx.query([[
    SELECT c.code AS community, p.planned_on, p.kind, p.sample_size,
      (SELECT COUNT(DISTINCT r.household_id) FROM revisit_results r
        JOIN revisit_plan_households h ON h.plan_id = p.id AND h.household_id = r.household_id AND h.role = 'sample'
        WHERE r.visited_on BETWEEN p.planned_on AND ?2) AS visited
    FROM revisit_plans p JOIN communities c ON c.id = p.community_id AND (?3 IS NULL OR c.office = ?3)
    WHERE p.id = (SELECT p2.id FROM revisit_plans p2 WHERE p2.community_id = p.community_id AND p2.planned_on <= ?2
                  ORDER BY p2.planned_on DESC, p2.id DESC LIMIT 1)
    ORDER BY c.code]], nil, to, office)
end

--- Revisit findings (3.7.5.6, 3.7.5.7) made on or before `to`, and how many were handled by then: the household
--- visited again after the finding.
function figures.findings(ctx, _from, to, office)
  return ctx.query([[
    SELECT COUNT(*) AS found,
      SUM(EXISTS (SELECT 1 FROM revisit_results later WHERE later.household_id = r.household_id
                  AND later.visited_on > r.visited_on AND later.visited_on <= ?2)) AS handled
    FROM revisit_results r JOIN communities c ON c.id = r.community_id AND (?3 IS NULL OR c.office = ?3)
    WHERE r.rating IN (]] .. figures.FINDING_RATINGS .. [[) AND r.visited_on <= ?2]], nil, to, office)[1]
end

--- Tickets registered on or before `to` whose rules failed (status rule_error), with the message.
function figures.rule_errors(ctx, _from, to, office)
  return ctx.query("SELECT t.number, t.registered_on, t.error FROM tickets t" .. OF_OFFICE ..
    "WHERE t.status = 'rule_error' AND t.registered_on <= ?2 ORDER BY t.registered_on, t.number LIMIT 100", nil, to, office)
end

--- The open tickets (not closed by `to`) with the deadlines most overdue at the end of `to`, most overdue first,
--- at most `limit`; each with the working days it is overdue.
function figures.most_overdue(ctx, to, office, limit)
  -- The due date of the limit-th most overdue first, read in the order of the index on due dates; then every
  -- deadline due by then, in a fixed order (ticket number, deadline name among those due the same day). The second
  -- bounds the due dates by the first alone: with `k.due < ?2` beside it, SQLite reads the index up to ?2, every
  -- deadline of the past.
  local unmet = "FROM deadline_clocks k JOIN tickets t ON t.id = k.ticket_id" .. OF_OFFICE .. [[
    WHERE (k.met_on IS NULL OR k.met_on > ?2) AND (t.closed_on IS NULL OR t.closed_on > ?2)]]
  local rows = ctx.query("SELECT t.number, c.code AS community, t.department, k.deadline, k.due " .. unmet ..
    " AND k.due <= (SELECT MAX(due) FROM (SELECT k.due AS due " .. unmet .. " AND k.due < ?2 ORDER BY k.due LIMIT ?4))" ..
    " ORDER BY k.due, t.number, k.deadline LIMIT ?4", nil, to, office, limit)
  for _, row in ipairs(rows) do
    row.workdays = figures.workdays(ctx, ctx.calendar:add_days(row.due, 1), to)
  end
  return rows
end

--- Per day from `from` to `to`: tickets received and completed.
function figures.daily(ctx, from, to, office)
  local received, completed = {}, {}
  for _, row in ipairs(ctx.query("SELECT t.registered_on AS day, COUNT(*) AS n FROM tickets t" .. OF_OFFICE ..
      "WHERE t.registered_on BETWEEN ?1 AND ?2 GROUP BY t.registered_on", from, to, office)) do
    received[row.day] = row.n
  end
  for _, row in ipairs(ctx.query("SELECT t.completed_on AS day, COUNT(*) AS n FROM tickets t" .. OF_OFFICE ..
      "WHERE t.completed_on BETWEEN ?1 AND ?2 GROUP BY t.completed_on", from, to, office)) do
    completed[row.day] = row.n
  end
  local list = {}
  for _, day in ipairs(figures.days(ctx, from, to)) do
    list[#list + 1] = { day = day, received = received[day] or 0, completed = completed[day] or 0,
                        workday = ctx.calendar:is_workday(day) }
  end
  return list
end

--- The offices of the stored communities, in order ("" is the default office).
function figures.offices(ctx)
  local list = {}
  for _, row in ipairs(ctx.query("SELECT DISTINCT office FROM communities ORDER BY office")) do
    list[#list + 1] = row.office
  end
  return list
end

return figures
