-- The host's Lua that runs a rule set inside the sandbox (see RuleEngine.swift): every rule of a ticket in one
-- protected call, each rule a fresh instance of its file (module-level state never carries from ticket to ticket),
-- the ticket, ctx and the results of needed rules frozen (a rule reads them and changes nothing), `ctx.because`
-- lines kept per rule, each output checked against its declaration and copied, the decision bounded in size.
--
-- Modules (`require`) are fresh per evaluation too: each decision and plan starts by forgetting their instances.
--
-- Compiled once per state with: the rule specs in evaluation order, the sandbox's `freeze` and `plain`, the data
-- functions (`json`, `valid_data`, the JSON markers), `ctx.calendar`, `ctx.query`, the plan functions, the
-- most bytes a decision (results and trace) may take and the modules' `reset`, `watch` and `unchanged`.
local specs, freeze, plain, json, valid_data, json_null, json_empty_array, calendar, query, plan_functions,
      max_bytes, reset_modules, watch_modules, modules_unchanged = ...
local error, type, next, ipairs, tostring, select = error, type, next, ipairs, tostring, select
local mtype, tointeger = math.type, math.tointeger
local utf8len, format, sub = utf8.len, string.format, string.sub

local MAX_TRACE_LINES = 200
local current = 0            -- the rule running, by position in specs
local failed_output = false  -- the failure is a broken output, not a script error
local traces = {}
local bytes = 0              -- bytes of results and trace so far in this decision
-- `diff` (`compare`): which rules a decision takes from the other rule set's decision (reused), which it encodes,
-- which outputs it hands over and whose bytes it counts for the other; whether it watches the modules.
local reused, encoded, handed, counted, watching = {}, {}, {}, {}, false

local function brief(v)
  local t = type(v)
  if t == "nil" then return "nil" end
  if t == "boolean" then return "the boolean " .. tostring(v) end
  if mtype(v) == "integer" then return "the integer " .. tostring(v) end
  if t == "number" then return "the number " .. tostring(v) end
  if t == "string" then
    local n = utf8len(v)
    if not n then return "a text that is not valid UTF-8" end
    return 'the string "' .. (n > 40 and sub(v, 1, utf8.offset(v, 41) - 1) .. "…" or v) .. '"'
  end
  if t == "table" then return (v[1] ~= nil) and "an array" or "a table" end
  return "a " .. t
end

local function over_limit()
  return format("the decision is larger than the output limit (%d KB of results and trace per ticket)", max_bytes // 1024)
end

--- `ctx.because(text)` or `ctx.because(format, ...)`: one line of the trace.
local function because(text, ...)
  if select("#", ...) > 0 then
    if type(text) ~= "string" then error("ctx.because expects a format text first, got " .. brief(text), 2) end
    text = format(text, ...)
  end
  if type(text) ~= "string" then error("ctx.because expects a text, got " .. brief(text), 2) end
  if not utf8len(text) then error("ctx.because: the text is not valid UTF-8", 2) end
  local lines = traces[current]
  if #lines >= MAX_TRACE_LINES then
    error("ctx.because: more than " .. MAX_TRACE_LINES .. " trace lines in one rule", 2)
  end
  bytes = bytes + #text + 8
  if bytes > max_bytes then error("ctx.because: " .. over_limit(), 2) end
  lines[#lines + 1] = text
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

-- A checker for a declared type, made once per field: returns the value (a whole float declared integer made an
-- integer) and whether it fits.
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

-- Which rules' results another rule reads (only those are frozen for `ctx.results`), and the names they get there.
local needed_by_some = {}
for _, spec in ipairs(specs) do
  for _, field in ipairs(spec.fields) do field.check = checker(field.type) end
  for _, name in ipairs(spec.needs) do needed_by_some[name] = true end
end
for _, spec in ipairs(specs) do
  spec.shared = needed_by_some[spec.name] and ("ctx.results." .. spec.name) or nil
end

--- The rule's output as a plain copy, checked against its declaration: what the decision keeps.
local function check(spec, out)
  failed_output = true
  if type(out) ~= "table" then
    error(format("%s: rule '%s' must return a table of its outputs, not %s", spec.path, spec.name, brief(out)), 0)
  end
  local copy, size = plain(out, max_bytes - bytes)
  if not copy then
    if size == "over the limit" then size = over_limit() end
    error(format("%s: rule '%s' returned a bad value: %s", spec.path, spec.name, size), 0)
  end
  bytes = bytes + size
  local valid, problem = valid_data(copy, "results." .. spec.name)
  if not valid then
    error(format("%s: rule '%s' returned a bad value: %s", spec.path, spec.name, problem), 0)
  end
  for key in next, copy do
    if not spec.declared[key] then
      error(format("%s: rule '%s' returned '%s', which its outputs do not declare", spec.path, spec.name, key), 0)
    end
  end
  for _, field in ipairs(spec.fields) do
    local value, fits = field.check(copy[field.name])
    if not fits then
      local v = copy[field.name]
      error(format("%s: output '%s' of rule '%s' should be %s, but %s", spec.path, field.name, spec.name,
        field.text, v == nil and "is missing" or ("is " .. brief(v))), 0)
    end
    copy[field.name] = value
  end
  failed_output = false
  return copy
end

--- A fresh instance of the rule's file: its table, with the function `name`.
local function instance(spec, name)
  local rule = spec.chunk()
  if type(rule) ~= "table" or type(rule[name]) ~= "function" then
    error(format("%s: the file must return its rule table with `%s`, as it did when loaded", spec.path, name), 0)
  end
  return rule
end

-- Every rule in order. With `given` (`diff`: outputs handed over from the other rule set's decision, and the bytes
-- its rules that `reused` names took there), those rules are not evaluated: their bytes count from the start and the
-- outputs given stand in for the ones other rules need. Returns the outputs and traces, and when comparing, the bytes
-- of the rules `counted` names and whether a rule left a module holding other than what its file made.
local function decide(ticket, community, household, given, given_bytes)
  ticket = freeze(ticket, "ticket")
  community, household = freeze(community, "ctx.community"), freeze(household, "ctx.household")
  local outputs, frozen = {}, {}
  local counted_bytes, modules_changed = 0, false
  traces, bytes = {}, 0
  reset_modules()
  if given then
    bytes = given_bytes
    if bytes > max_bytes then error(over_limit(), 0) end
  end
  -- The ctx of every rule that needs no other: read-only, so one per ticket is as good as one per rule.
  local plain_ctx
  for i = 1, #specs do
    local spec = specs[i]
    current = i
    failed_output = false
    traces[i] = {}
    local out
    if given and reused[spec.name] then
      out = given[spec.name]
    else
      local start = bytes
      local ctx
      if #spec.needs == 0 then
        plain_ctx = plain_ctx or freeze({ results = freeze({}, "ctx.results"), community = community,
                                          household = household, calendar = calendar, query = query,
                                          because = because }, "ctx")
        ctx = plain_ctx
      else
        local needed = {}
        for _, name in ipairs(spec.needs) do needed[name] = frozen[name] end
        ctx = freeze({ results = freeze(needed, "ctx.results"), community = community, household = household,
                       calendar = calendar, query = query, because = because }, "ctx")
      end
      out = check(spec, instance(spec, "evaluate").evaluate(ticket, ctx))
      if counted[spec.name] then counted_bytes = counted_bytes + bytes - start end
      if watching then
        local unchanged, flagged = modules_unchanged()
        -- A rule the other side reuses must not have reached a module whose file the two sets do not share.
        if not unchanged or (flagged and counted[spec.name]) then modules_changed = true end
      end
    end
    outputs[spec.name] = out
    if spec.shared and out then frozen[spec.name] = freeze(out, spec.shared) end
  end
  current = 0
  return outputs, traces, counted_bytes, modules_changed
end

-- A rule's output as the batch records it: every declared field, null where nil, an empty declared list as [].
local function record_of(spec, out)
  local record = {}
  for _, field in ipairs(spec.fields) do
    local v = out[field.name]
    if v == nil then v = json_null elseif field.array and next(v) == nil then v = json_empty_array end
    record[field.name] = v
  end
  return record
end

--- The decision as the batch records it: results and trace as JSON, and the outputs.
local function decide_json(ticket, community, household)
  local outputs = decide(ticket, community, household)
  local results, trace = {}, {}
  for i, spec in ipairs(specs) do
    results[spec.name] = record_of(spec, outputs[spec.name])
    trace[spec.name] = #traces[i] == 0 and json_empty_array or traces[i]
  end
  return json(results), json(trace), outputs
end

--- `diff`: from now on, `decide_compared` takes the rules `plan.reusing` names from the other rule set's decision,
--- encodes the results of those `plan.encoding` names, hands over the outputs of those `plan.handing` names, counts
--- the bytes of those `plan.counting` names, and with `plan.watching` watches the modules, telling when one of the
--- counted rules reached a module `plan.flagging` names.
local function compare(plan)
  local function set(names)
    local named = {}
    for _, name in ipairs(names) do named[name] = true end
    return named
  end
  reused, encoded, handed, counted = set(plan.reusing), set(plan.encoding), set(plan.handing), set(plan.counting)
  watching = plan.watching
  watch_modules(watching, plan.flagging)
end

--- `diff`: the results of the rules `compare` said to encode, as JSON (as `decide_json` writes them), the outputs
--- to hand over, the bytes of the rules counted, and whether a rule left a module changed (then no rule of this
--- decision can be reused: EnginePair.swift). `given` and `given_bytes` are another decision's.
local function decide_compared(ticket, community, household, given, given_bytes)
  local outputs, _, counted_bytes, modules_changed = decide(ticket, community, household, given, given_bytes)
  local results, hand = {}, {}
  for _, spec in ipairs(specs) do
    if encoded[spec.name] then results[spec.name] = record_of(spec, outputs[spec.name]) end
    if handed[spec.name] then hand[spec.name] = outputs[spec.name] end
  end
  return json(results), hand, counted_bytes, modules_changed
end

local function plan(index, community, extra)
  current = index
  traces, bytes = { [index] = {} }, 0
  reset_modules()
  local fields = { calendar = calendar, query = query, because = because }
  for key, value in next, plan_functions do fields[key] = value end
  for key, value in next, extra do fields[key] = value end
  local spec = specs[index]
  local result = instance(spec, "plan").plan(freeze(community, "community"), freeze(fields, "ctx"))
  local copy, problem = plain(result, max_bytes)
  if not copy and result ~= nil then
    error(format("%s: plan returned a bad value: %s", spec.path, problem == "over the limit" and over_limit() or problem), 0)
  end
  current = 0
  return copy, traces[index]
end

local function state()
  return current, failed_output
end

return { decide = decide, decide_json = decide_json, compare = compare, decide_compared = decide_compared, plan = plan,
         state = state }
