/// The console's helpers in Lua: thin wrappers over the host's functions that mark what they return, so
/// that the console can show a ticket, a decision or a plan the way a clerk reads it.
enum ConsolePrelude {
    static let source = #"""
    local host = ...
    local TICKET = { __name = "ruledesk.ticket" }
    local TICKETS = { __name = "ruledesk.tickets" }
    local DECISION = { __name = "ruledesk.decision" }
    local PLAN = { __name = "ruledesk.plan" }

    -- A helper's error reads as the clerk's own: no position inside this file.
    local function call(f, ...)
      local ok, value = pcall(f, ...)
      if ok then return value end
      error((string.gsub(tostring(value), "^console:%d+: ", "")), 0)
    end

    --- A stored ticket: ticket("KF-2026-000001").
    function ticket(number) return setmetatable(call(host.ticket, number), TICKET) end

    --- A case that is not stored: case{ kind = "repair", cost = 1200, component = "plumbing", community = "H01" }.
    function case(fields) return setmetatable(call(host.case, fields), TICKET) end

    --- The decision for a ticket, a case or a ticket number.
    function eval(t) return setmetatable(call(host.eval, t), DECISION) end

    --- A community's revisit plan: plan("H01") or plan("H01", "2026-03-01").
    function plan(community, on) return setmetatable(call(host.plan, community, on), PLAN) end

    --- A short list of tickets: tickets{ status = "new", community = "H01", limit = 20 }.
    function tickets(filter) return setmetatable(call(host.tickets, filter or {}), TICKETS) end

    print = host.print
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
    """#
}
