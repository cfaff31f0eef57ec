/// The host's Lua code that runs a rule set inside the sandbox: every rule of a ticket in one protected call,
/// `ctx.because` lines kept per rule, each output checked against its declaration (the one place that check
/// lives), and the decision written as JSON by the C encoder when the batch asks for it.
///
/// It is compiled once per state with: the rule specs in evaluation order, the specs sorted by name (for JSON),
/// `ctx.calendar`, `ctx.query`, and the two JSON encoders.
enum Driver {
    static let source = #"""
    local specs, sorted_specs, calendar, query, json_records, valid_data = ...
    local error, type, next, pairs, ipairs, setmetatable, tostring = error, type, next, pairs, ipairs, setmetatable, tostring
    local mtype, tointeger, huge = math.type, math.tointeger, math.huge
    local utf8len, format, sub = utf8.len, string.format, string.sub

    local MAX_TRACE_LINES = 200
    local MAX_DEPTH = 64
    local current = 0            -- the rule running, by position in specs
    local failed_output = false  -- the failure is a broken output, not a script error
    local traces = {}

    local function brief(v)
      local t = type(v)
      if t == "nil" then return "nil" end
      if t == "boolean" then return "the boolean " .. tostring(v) end
      if mtype(v) == "integer" then return "the integer " .. tostring(v) end
      if t == "number" then return "the number " .. tostring(v) end
      if t == "string" then
        local cut = utf8len(v) and utf8len(v) > 40 and sub(v, 1, utf8.offset(v, 41) - 1) .. "…" or v
        return 'the string "' .. cut .. '"'
      end
      if t == "table" then return (v[1] ~= nil) and "an array" or "a table" end
      return "a " .. t
    end

    local function because(text)
      if type(text) ~= "string" then error("ctx.because expects a text, got " .. brief(text), 2) end
      local lines = traces[current]
      if #lines >= MAX_TRACE_LINES then
        error("ctx.because: more than " .. MAX_TRACE_LINES .. " trace lines in one rule", 2)
      end
      lines[#lines + 1] = text
    end

    -- `valid_data` (C) is the fast check; `explain` runs only on failure, to say where the problem is.
    local function explain(v, path, depth, open)
      local t = type(v)
      if t == "number" then
        if v ~= v then error(path .. " is NaN, not a number a decision can hold", 0) end
        if v == huge or v == -huge then error(path .. " is infinite, not a number a decision can hold", 0) end
      elseif t == "string" then
        if not utf8len(v) then error(path .. " is not valid UTF-8 text", 0) end
      elseif t == "table" then
        if depth >= MAX_DEPTH then error(path .. " is nested more than " .. MAX_DEPTH .. " levels deep", 0) end
        if open[v] then error(path .. " contains itself (a cycle)", 0) end
        open[v] = true
        local named, indexed = false, 0
        for key, value in next, v do
          if type(key) == "string" then
            if not utf8len(key) then error(path .. " has a key that is not valid UTF-8 text", 0) end
            named = true
            explain(value, path .. "." .. key, depth + 1, open)
          elseif mtype(key) == "integer" then
            indexed = indexed + 1
            explain(value, path .. "[" .. key .. "]", depth + 1, open)
          else
            error(path .. " has a " .. type(key) .. " key; tables must be arrays or have text keys", 0)
          end
        end
        if indexed > 0 and (named or #v ~= indexed) then
          error(path .. " mixes array items and named fields, or has gaps", 0)
        end
        open[v] = nil
      elseif t ~= "nil" and t ~= "boolean" then
        error(path .. " is a " .. t .. ", which cannot leave Lua", 0)
      end
    end

    local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
    local known_dates, date_count = {}, 0
    local function is_date(s)
      if known_dates[s] then return true end
      local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
      if not y then return false end
      y, m, d = tointeger(y + 0), tointeger(m + 0), tointeger(d + 0)
      if y < 1 or m < 1 or m > 12 or d < 1 then return false end
      local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
      if d > ((m == 2 and leap) and 29 or DAYS[m]) then return false end
      if date_count >= 4096 then known_dates, date_count = {}, 0 end
      known_dates[s], date_count = true, date_count + 1
      return true
    end

    -- A checker for a declared type, made once per field: returns the value (a whole float declared integer
    -- made an integer) and whether it fits.
    local function checker(ty)
      if ty.optional then
        local inner = checker(ty.optional)
        return function(v)
          if v == nil then return nil, true end
          return inner(v)
        end
      end
      if ty.array then
        local element = checker(ty.array)
        return function(v)
          if type(v) ~= "table" or (next(v) ~= nil and v[1] == nil) then return nil, false end
          for i = 1, #v do
            local x, ok = element(v[i])
            if not ok or x == nil then return nil, false end
            v[i] = x
          end
          return v, true
        end
      end
      local base = ty.base
      if base == "any" then return function(v) return v, true end end
      if base == "integer" then
        return function(v)
          if mtype(v) == "integer" then return v, true end
          local i = mtype(v) == "float" and tointeger(v)
          if i then return i, true end
          return nil, false
        end
      end
      if base == "date" then return function(v) return v, type(v) == "string" and is_date(v) end end
      return function(v) return v, type(v) == base end
    end

    for _, spec in ipairs(specs) do
      for _, field in ipairs(spec.fields) do field.check = checker(field.type) end
    end

    local function check(spec, out)
      failed_output = true
      if type(out) ~= "table" then
        error(format("%s: rule '%s' must return a table of its outputs, not %s", spec.path, spec.name, brief(out)), 0)
      end
      if not valid_data(out) then
        local _, problem = pcall(explain, out, "results." .. spec.name, 0, {})
        error(format("%s: rule '%s' returned a bad value: %s", spec.path, spec.name, problem), 0)
      end
      for key in next, out do
        if not spec.declared[key] then
          error(format("%s: rule '%s' returned '%s', which its outputs do not declare", spec.path, spec.name, key), 0)
        end
      end
      for _, field in ipairs(spec.fields) do
        local value, fits = field.check(out[field.name])
        if not fits then
          local v = out[field.name]
          error(format("%s: output '%s' of rule '%s' should be %s, but %s", spec.path, field.name, spec.name,
            field.text, v == nil and "is missing" or ("is " .. brief(v))), 0)
        end
        out[field.name] = value
      end
      failed_output = false
      return out
    end

    local function refuse(_, key)
      error("ctx.results is read-only (tried to set " .. tostring(key) .. ")", 2)
    end

    local function frozen(t)
      return setmetatable({}, { __index = t, __newindex = refuse, __len = function() return #t end,
        __pairs = function() return next, t, nil end, __metatable = false })
    end

    local function decide(ticket, community, household)
      local results = {}
      traces = {}
      for i = 1, #specs do
        local spec = specs[i]
        current = i
        failed_output = false
        local needed = {}
        for _, name in ipairs(spec.needs) do needed[name] = frozen(results[name]) end
        traces[i] = {}
        local ctx = { results = needed, community = community, household = household,
                      calendar = calendar, query = query, because = because }
        results[spec.name] = check(spec, spec.evaluate(ticket, ctx))
      end
      current = 0
      return results, traces
    end

    local function decide_json(ticket, community, household)
      local results = decide(ticket, community, household)
      local results_json, trace_json = json_records(results, traces, sorted_specs)
      return results_json, trace_json, results
    end

    local function plan(index, community, extra)
      current = index
      traces = { [index] = {} }
      local ctx = { calendar = calendar, query = query, because = because }
      for key, value in pairs(extra) do ctx[key] = value end
      local result = specs[index].plan(community, ctx)
      current = 0
      return result, traces[index]
    end

    local function state()
      return current, failed_output
    end

    return { decide = decide, decide_json = decide_json, plan = plan, state = state }
    """#
}
