-- luacheck settings for the rule set. Run from the project: luacheck --config rules/.luacheckrc rules
-- (or from rules/: luacheck .)
-- Rules run in a sandbox with base, string, table, math and utf8 only, and may not assign globals.
stds.ruledesk_sandbox = {
  read_globals = {
    "assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber", "tostring", "type", "xpcall",
    "_VERSION", "string", "table", "math", "utf8",
  },
}
std = "ruledesk_sandbox"

-- Rule tests may define globals (setup, test_*: the runner calls them) and use the helpers of
-- `ruledesk test` (docs/rules.md, "Testing rules").
files["**/tests/*.lua"] = {
  std = "lua54",
  allow_defined_top = true,
  ignore = { "131" }, -- unused global: test_* and setup are called by `ruledesk test`
  read_globals = {
    "import", "community", "household", "calendar_day", "evaluate", "plan", "revisit_result",
    "expect_eq", "expect_true", "expect_false", "expect_nil", "expect_error", "expect_match",
  },
}
