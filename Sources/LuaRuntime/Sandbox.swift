/// The Lua code that builds the sandbox. It runs once per state, as trusted host code, before any script.
///
/// It keeps a frozen `base` of safe functions and read-only library proxies, locks the string metatable,
/// and returns `new_env(open)`: a fresh global environment for one chunk. A strict environment (rules)
/// refuses every global assignment; an open one (tests, the console) keeps them. `globals()` lists what
/// scripts can see, for editors and linters.
enum Sandbox {
    static let prelude = #"""
    local error, next, pairs, setmetatable, type, tostring, real_load =
          error, next, pairs, setmetatable, type, tostring, load

    local function copy(t, leave_out)
      local c = {}
      for k, v in pairs(t) do if not leave_out[k] then c[k] = v end end
      return c
    end

    local function readonly(t, name)
      return setmetatable({}, {
        __index = t,
        __newindex = function(_, key)
          error(("cannot change %s.%s: the library is read-only"):format(name, tostring(key)), 2)
        end,
        __pairs = function() return next, t, nil end,
        __len = function() return #t end,
        __metatable = false,
      })
    end

    local safe_string = copy(string, { dump = true })
    local string_meta = getmetatable("")
    string_meta.__index = safe_string
    string_meta.__metatable = false

    local base = {
      assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
      pcall = pcall, xpcall = xpcall, select = select, tonumber = tonumber, tostring = tostring,
      type = type, rawlen = rawlen, setmetatable = setmetatable, getmetatable = getmetatable,
      _VERSION = _VERSION,
      string = readonly(safe_string, "string"),
      table = readonly(copy(table, {}), "table"),
      math = readonly(copy(math, { random = true, randomseed = true }), "math"),
      utf8 = readonly(copy(utf8, {}), "utf8"),
      os = readonly({ time = os.time, date = os.date, clock = os.clock }, "os"),
    }

    local function refuse_global(_, name)
      error(("assignment to undeclared global '%s' (declare it with local)"):format(tostring(name)), 2)
    end

    local function new_env(open, extra)
      local env = {}
      if extra then for k, v in pairs(extra) do env[k] = v end end
      env._G = env
      return setmetatable(env, {
        __index = base,
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

    -- What scripts see: each global, and for library tables their fields.
    local function globals()
      local out = {}
      for name, value in pairs(base) do
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

    return { new_env = new_env, readonly = readonly, globals = globals }
    """#
}
