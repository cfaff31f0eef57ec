-- The console's helpers (see ConsoleSession.swift): thin wrappers over the host's functions (ConsoleHelpers.swift).
-- A ticket and a list of tickets come back as tables marked with their kind. A decision and a plan stay Swift
-- values: the console gets a handle, a table whose own field `handle` numbers the value, and reads its fields, lists
-- them and prints it through the host, so that it is shown the way a clerk reads it.
--
-- Compiled once per console with the host's functions; returns the function Tab completion asks for the fields of
-- a dotted name.
local host = ...
local TICKET = { __name = "ruledesk.ticket" }
local TICKETS = { __name = "ruledesk.tickets" }

-- A helper's error reads as the clerk's own: no position inside this file.
local function call(f, ...)
  local ok, value = pcall(f, ...)
  if ok then return value end
  error((string.gsub(tostring(value), "^console:%d+: ", "")), 0)
end

--- The metatable of handles of one kind (`what` names it in messages).
local function handles(kind, what)
  return {
    __name = kind,
    __index = function(h, key) return call(host.held, h.handle)[key] end,
    __pairs = function(h) return next, call(host.held, h.handle), nil end,
    __newindex = function() error(what .. " cannot be changed", 2) end,
  }
end
local DECISION = handles("ruledesk.decision", "a decision")
local PLAN = handles("ruledesk.plan", "a plan")

--- A stored ticket: ticket("KF-2026-000001").
function ticket(number) return setmetatable(call(host.ticket, number), TICKET) end

--- A case that is not stored: case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01" }.
function case(fields) return setmetatable(call(host.case, fields), TICKET) end

--- The decision for a ticket, a case or a ticket number.
function eval(t) return setmetatable({ handle = call(host.eval, t) }, DECISION) end

--- A community's revisit plan: plan("H01") or plan("H01", "2026-03-01").
function plan(community, on) return setmetatable({ handle = call(host.plan, community, on) }, PLAN) end

--- A short list of tickets: tickets{ status = "new", community = "H01", limit = 20 }.
function tickets(filter) return setmetatable(call(host.tickets, filter or {}), TICKETS) end

--- Prints its arguments on one line, a decision or a plan as the console shows it.
function print(...)
  local shown = table.pack(...)
  for i = 1, shown.n do
    local kind = getmetatable(shown[i])
    if kind == DECISION or kind == PLAN then shown[i] = call(host.show, shown[i].handle) end
  end
  host.print(table.unpack(shown, 1, shown.n))
end

--- Records what happened to a ticket and decides it again: record("KF-2026-000001", "survey", { on = "2026-05-07" }).
function record(number, event, options) call(host.record, number, event, options) end

--- The work queue: due{ overdue = true, department = "cs", community = "H01", within = 2, on = "2026-05-11" }.
function due(filter) call(host.due, filter or {}) end

--- A ticket's deadlines and where they stand: sla("KF-2026-000001") or sla(t, "2026-05-11").
function sla(t, on) call(host.sla, t, on) end

--- An owner on a call, by phone, name, household, room or ticket number: find("13800000010").
function find(text) call(host.find, text) end

calendar = host.calendar
query = host.query

--- The fields of the table a dotted name leads to, for Tab completion.
local function fields(path)
  local t = _ENV
  for part in string.gmatch(path, "[^.:]+") do
    if type(t) ~= "table" then return {} end
    t = t[part]
  end
  if type(t) == "string" then t = string end
  local names = {}
  if type(t) == "table" then
    for k in pairs(t) do if type(k) == "string" then names[#names + 1] = k end end
  end
  return names
end

return fields
