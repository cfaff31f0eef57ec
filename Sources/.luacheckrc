-- luacheck's settings for the host's own Lua (`make test` runs `luacheck .` here). The driver, the console's
-- helpers and the rule tests' expectations run inside the sandbox, so they may read only what the sandbox gives
-- scripts (Sandbox.lua's `base`); the sandbox itself runs with the whole standard library.
max_line_length = 130

stds.sandbox = {
  read_globals = {
    "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "select", "tonumber", "tostring", "type",
    "rawlen", "setmetatable", "getmetatable", "_VERSION", "_ENV", "string", "table", "utf8",
    math = { fields = { "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max",
                        "maxinteger", "min", "mininteger", "modf", "pi", "rad", "sin", "sqrt", "tan", "tointeger", "type",
                        "ult" } },
    os = { fields = { "time", "date", "clock" } },
  },
}
std = "sandbox"

files["LuaRuntime/Sandbox.lua"] = { std = "lua54" }
files["RuleDesk/Console/ConsolePrelude.lua"] = {
  globals = { "ticket", "case", "eval", "plan", "tickets", "print", "calendar", "query", "record", "due", "sla", "find" },
}
files["RuleDesk/Testing/Expectations.lua"] = {
  globals = { "expect_eq", "expect_true", "expect_false", "expect_nil", "expect_match", "expect_line", "expect_error" },
}
