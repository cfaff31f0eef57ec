-- The sandbox of a ruledesk Lua state. It runs once per state, as trusted host code, before any script, and
-- returns the host's tools (see LuaState.swift): `new_env`, `freeze`, `view`, `globals`, `new_modules` and `views`
-- (the plain copy that sees through views is C: rd_plain.h).
--
-- Scripts see a frozen `base` of safe functions and read-only views of the libraries. A view is an empty table
-- whose metatable reads through to the table behind it; no route hands that table out: `pairs` and `next`
-- iterate it and give its values (views themselves for nested data), assignment, `rawset` (absent) and
-- `setmetatable` (the metatable is protected) fail. Data the host gives scripts (the ticket, ctx, the results of
-- other rules) and what modules return are frozen the same way, all the way down: a nested table gets its view
-- when a script first reaches it, and the same view after (docs/sandbox.md, "Frozen lazily").

-- Given the digest of a module's instance (rd_digest.h), for `diff`.
local digest = ...
local error, next, pairs, setmetatable, rawget, rawlen, type, tostring, real_load =
      error, next, pairs, setmetatable, rawget, rawlen, type, tostring, load
local format = string.format

-- Each view and the table behind it, and the name messages give it; each frozen view's views of its nested tables
-- made so far, by key. Weak keys: a view nobody holds goes away.
local behind = setmetatable({}, { __mode = "k" })
local names = setmetatable({}, { __mode = "k" })
local nested = setmetatable({}, { __mode = "k" })
-- The host's own functions and the environments, which scripts hold but cannot change: a module's digest counts
-- them by identity and looks no further (their upvalues are the sandbox's).
local hosts = setmetatable({}, { __mode = "k" })

local function refuse_change(view, key)
  error(format("cannot change %s.%s: it is read-only", names[view], tostring(key)), 2)
end

local frozen_meta

--- The view of `t`, found at `key` in the view `parent`: made on the first read, the same one while `t` is there.
--- Views pass as they are.
local function view_of_nested(parent, key, t)
  if behind[t] then return t end
  local made = nested[parent]
  if not made then
    made = {}
    nested[parent] = made
  end
  local v = made[key]
  if v and behind[v] == t then return v end
  v = setmetatable({}, frozen_meta)
  behind[v] = t
  local name = names[parent]
  names[v] = type(key) == "string" and name .. "." .. key or name .. "[" .. tostring(key) .. "]"
  made[key] = v
  return v
end

-- Reading goes around any metatable of the table behind (rawget, next, rawlen), so it runs no script's code.
local function frozen_index(view, key)
  local value = rawget(behind[view], key)
  if type(value) == "table" then return view_of_nested(view, key, value) end
  return value
end

local function view_next(view, key)
  local k, value = next(behind[view], key)
  if type(value) == "table" then return k, view_of_nested(view, k, value) end
  return k, value
end

local function view_pairs(view)
  return view_next, view, nil
end

local function view_len(view)
  return rawlen(behind[view])
end

frozen_meta = {
  __index = frozen_index, __newindex = refuse_change, __pairs = view_pairs, __len = view_len, __metatable = false,
}

--- A read-only view of `t`, named `name` in messages, read straight through: for tables of functions and views
--- (the libraries, `ctx.calendar`), whose values need no views of their own.
local function view(t, name)
  local v = setmetatable({}, {
    __index = t, __newindex = refuse_change, __pairs = view_pairs, __len = view_len, __metatable = false,
  })
  behind[v] = t
  names[v] = name
  return v
end

--- Data frozen for scripts: a table becomes a read-only view of it, named `name` in messages, whose nested tables
--- read as views too; other values, and views, pass as they are. Nothing is copied: whoever freezes a table leaves
--- it as it is from then on (a module's own functions are the exception: docs/sandbox.md, "Frozen lazily").
local function freeze(value, name)
  if type(value) ~= "table" or behind[value] then return value end
  local v = setmetatable({}, frozen_meta)
  behind[v] = value
  names[v] = name
  return v
end

local function copy_of(t, leave_out)
  local c = {}
  for k, v in pairs(t) do if not leave_out[k] then c[k] = v end end
  return c
end

local safe_string = copy_of(string, { dump = true })
local string_meta = getmetatable("")
string_meta.__index = safe_string
string_meta.__metatable = false

-- `next` and `rawlen` see through views, as `pairs` and `#` do.
local function safe_next(t, key)
  if behind[t] then return view_next(t, key) end
  return next(t, key)
end

local function safe_rawlen(t)
  return rawlen(behind[t] or t)
end

-- Finalizers would run outside every limit (Lua runs them with hooks off), and weak tables lose entries when the
-- collector runs, which depends on what ran before on the state: refuse both.
local function safe_setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("setmetatable: __gc (a finalizer) is not allowed here", 2)
  end
  if type(mt) == "table" and rawget(mt, "__mode") ~= nil then
    error("setmetatable: __mode (a weak table) is not allowed here: its entries would vanish when the collector runs", 2)
  end
  return setmetatable(t, mt)
end

local base = {
  assert = assert, error = error, ipairs = ipairs, next = safe_next, pairs = pairs,
  pcall = pcall, xpcall = xpcall, select = select, tonumber = tonumber, tostring = tostring,
  type = type, rawlen = safe_rawlen, setmetatable = safe_setmetatable, getmetatable = getmetatable,
  _VERSION = _VERSION,
  string = view(safe_string, "string"),
  table = view(copy_of(table, {}), "table"),
  math = view(copy_of(math, { random = true, randomseed = true }), "math"),
  utf8 = view(copy_of(utf8, {}), "utf8"),
  os = view({ time = os.time, date = os.date, clock = os.clock }, "os"),
}

local function refuse_global(_, name)
  error(format("assignment to undeclared global '%s' (declare it with local)", tostring(name)), 2)
end

--- A fresh global environment. A strict one (rules) refuses every global assignment and holds nothing of its own;
--- an open one (tests, the console) keeps them. `extra` globals are set in it first.
local function new_env(open, extra)
  local env = {}
  local lookup = setmetatable({ _G = env }, { __index = base })
  local own = open and env or lookup
  if extra then for k, v in next, extra do own[k] = v end end
  hosts[env] = true
  return setmetatable(env, {
    __index = lookup,
    __newindex = (not open) and refuse_global or nil,
    __metatable = false,
  })
end

base.load = function(chunk, name, _, env)
  if type(chunk) ~= "string" then
    return nil, "load accepts source text only"
  end
  return real_load(chunk, name, "t", env or new_env(false))
end

for _, value in next, base do
  if type(value) == "function" then hosts[value] = true end
end

--- Whether `value` is data alone, all the way down: texts, numbers, booleans and tables of them without metatables,
--- nested at most 64 levels (deeper counts as not data, so that no module can make this check overflow the stack).
--- A table reached twice is looked at once.
local function data_only(value, seen, depth)
  local t = type(value)
  if t ~= "table" then return t == "string" or t == "number" or t == "boolean" end
  if seen[value] then return true end
  seen[value] = true
  if depth >= 64 or getmetatable(value) ~= nil then return false end
  for k, v in next, value do
    if not data_only(k, seen, depth + 1) or not data_only(v, seen, depth + 1) then return false end
  end
  return true
end

--- A `require` for modules the host compiled: `set(modules)` gives them (name → { chunk = …, path = … }) and
--- forgets what ran; `require(name)` runs a module's chunk at most once until `reset()` and returns what it
--- returned, frozen (no script can change a module another uses). Nothing else is found: no paths, no files.
---
--- `reset()` keeps one kind of instance: that of a module required between `set` and the first `reset` (while the
--- host loads the rule set, before any decision), which required no module itself and returned data alone. Its
--- frozen table is what running the file again would give, nothing can change it (no function of its own is left,
--- and its tables are reachable through read-only views only), and no decision paid for it, so keeping it carries
--- nothing from one decision to the next: docs/sandbox.md, "Modules of data, kept".
---
--- With `watch(true, flagged)` (`diff`), each module instance that runs after a `reset` is digested as its file left
--- it, and `unchanged()` tells whether the modules required since it was last asked (and those they required as they
--- ran) still hold just that, and whether one of them is among the names `flagged`. Asked after every rule, it tells
--- whether no rule left anything in a module for a later rule of the decision to find, and which rules reached a
--- flagged module: a rule reaches a module only through `require` (docs/sandbox.md, "What diff reuses").
local function new_modules()
  local modules, loaded, chain, kept, loading, requires = {}, {}, {}, {}, true, {}
  -- `diff`: this decision's module instances (name → what the file returned, its digest then, and when it was last
  -- looked at), the modules each required as it ran, and the modules required since `unchanged()` was last asked
  -- (a list, `touched` long), which is the `asked`th time.
  local watching, ran, deps, required, touched, asked = false, {}, {}, {}, 0, 0
  local flagged = {}
  local function list()
    local known = {}
    for name in next, modules do known[#known + 1] = name end
    table.sort(known)
    return #known == 0 and "there are no modules" or "the modules are " .. table.concat(known, ", ")
  end
  local function require(name)
    if type(name) ~= "string" then error("require expects a module's name, e.g. require(\"money\")", 2) end
    for i = 1, #chain do requires[chain[i]] = true end
    if watching then
      touched = touched + 1
      required[touched] = name
      local parent = chain[#chain]
      if parent then
        deps[parent] = deps[parent] or {}
        deps[parent][#deps[parent] + 1] = name
      end
    end
    local value = loaded[name]
    if value ~= nil then return value end
    local module = modules[name]
    if not module then error(format("require: no module '%s'; %s", name, list()), 2) end
    for i = 1, #chain do
      if chain[i] == name then
        local cycle = { table.unpack(chain, i) }
        cycle[#cycle + 1] = name
        error(format("require: the modules require each other in a cycle: %s", table.concat(cycle, " → ")), 2)
      end
    end
    chain[#chain + 1] = name
    local ok, result = pcall(module.chunk, name)
    chain[#chain] = nil
    if not ok then error(result, 0) end
    if type(result) ~= "table" then
      error(format("%s: a module must end with `return { … }` (its functions and values), not return %s", module.path,
        type(result)), 0)
    end
    value = freeze(result, name)
    loaded[name] = value
    if loading and not requires[name] and data_only(result, {}, 0) then kept[name] = value end
    if watching then
      ran[name] = { result = result, digest = digest(result, behind, hosts) or false, looked = asked }
    end
    return value
  end
  local function unchanged()
    asked = asked + 1
    local same, among, i = true, false, 1
    while i <= touched do   -- the list grows by what each module looked at required
      if flagged[required[i]] then among = true end
      local instance = ran[required[i]]
      if instance and instance.looked ~= asked then
        instance.looked = asked
        if not instance.digest or digest(instance.result, behind, hosts) ~= instance.digest then same = false end
        local needed = deps[required[i]]
        for j = 1, needed and #needed or 0 do
          touched = touched + 1
          required[touched] = needed[j]
        end
      end
      i = i + 1
    end
    touched = 0
    return same, among
  end
  local function watch(on, flagging)
    watching, ran, deps, touched, flagged = on, {}, {}, 0, {}
    for _, name in ipairs(flagging or {}) do flagged[name] = true end
  end
  local function set(given)
    modules, loaded, chain, kept, loading, requires = {}, {}, {}, {}, true, {}
    for name, module in next, given do modules[name] = module end
  end
  local function reset()
    loaded, chain, loading = {}, {}, false
    if watching then ran, deps, touched = {}, {}, 0 end
    for name, value in next, kept do loaded[name] = value end
  end
  hosts[require] = true
  return { require = require, set = set, reset = reset, watch = watch, unchanged = unchanged }
end

--- What scripts see: each global, and for library tables their fields.
local function globals()
  local out = {}
  for name, value in next, base do
    if type(value) == "table" then
      local fields = {}
      for field in pairs(value) do fields[#fields + 1] = field end
      table.sort(fields)
      out[name] = fields
    else
      out[name] = true
    end
  end
  return out
end

return { new_env = new_env, freeze = freeze, view = view, globals = globals, new_modules = new_modules, views = behind }
