-- rules/tests/warranty_test.lua — POLICY.md section 4 (clause 3.5.1): class A (warranty) or B (company-paid).
-- Periods run from the community's completion date; N months later on the same day number,
-- or that month's last day: 2024-02-29 + 24 months = 2026-02-28, + 60 months = 2029-02-28.

local t01 = require("community_t01")   -- rules/tests/lib/community_t01.lua
local run = t01.run
setup = t01.setup

--- A repair of `component` registered on `date`, in community `community_code` (T01 unless given).
local function repair(component, date, community_code)
  return run{ kind = "repair", cause = "warranty", component = component, trades = { "plumbing" },
    received_at = date, community = community_code or "T01" }
end

-- Two-year items, ending on 29 February's stand-in -----------------------------------------------

function test_plumbing_on_the_last_day_is_class_a()
  local results, trace = repair("plumbing", "2026-02-28")
  expect_eq(results.warranty.expires_on, "2026-02-28", "expires_on of plumbing completed 2024-02-29")
  expect_eq(results.warranty.class, "A", "class of plumbing registered 2026-02-28")
  expect_line(trace.warranty, "给排水管道保修期 24 个月(2 年),自竣工验收(2024-02-29)起至 2026-02-28 止", "period trace")
  expect_line(trace.warranty, "登记日 2026-02-28 在保修期内,为 A 类保修任务,费用由施工单位承担 (3.5.1)", "class trace")
end

function test_plumbing_the_next_working_day_is_class_b()
  local results, trace = repair("plumbing", "2026-03-02")
  expect_eq(results.warranty.expires_on, "2026-02-28", "expires_on of plumbing completed 2024-02-29")
  expect_eq(results.warranty.class, "B", "class of plumbing registered 2026-03-02")
  expect_line(trace.warranty, "登记日 2026-03-02 已过保修期,为 B 类维修任务,费用由公司承担 (3.5.1)", "class trace")
end

function test_two_year_items_share_the_end_date()
  for _, component in ipairs({ "heating", "cooling", "electrical", "plumbing", "equipment", "decoration" }) do
    local inside = repair(component, "2026-02-28")
    expect_eq(inside.warranty.expires_on, "2026-02-28", "expires_on of " .. component)
    expect_eq(inside.warranty.class, "A", "class of " .. component .. " registered 2026-02-28")
    local outside = repair(component, "2026-03-02")
    expect_eq(outside.warranty.class, "B", "class of " .. component .. " registered 2026-03-02")
  end
end

function test_registered_late_at_night_utc_counts_local_date()
  -- 16:30 UTC on Friday 2026-02-27 is 00:30 Saturday 02-28 in Beijing: still the last day, class A.
  local results = repair("plumbing", "2026-02-27T16:30:00Z")
  expect_eq(results.warranty.class, "A", "class of plumbing received 2026-02-27T16:30:00Z")
  -- 16:30 UTC on Saturday 02-28 is Sunday 03-01 in Beijing: one day late, class B.
  local late = repair("plumbing", "2026-02-28T16:30:00Z")
  expect_eq(late.warranty.class, "B", "class of plumbing received 2026-02-28T16:30:00Z")
end

-- Five-year items ----------------------------------------------------------------------------------

function test_waterproofing_runs_five_years()
  for _, component in ipairs({ "roof_waterproofing", "bathroom_waterproofing", "room_waterproofing",
    "exterior_wall_leak" }) do
    local results = repair(component, "2026-03-02")
    expect_eq(results.warranty.expires_on, "2029-02-28", "expires_on of " .. component)
    expect_eq(results.warranty.class, "A", "class of " .. component .. " registered 2026-03-02")
  end
end

function test_five_year_boundary()
  -- Completed 2021-03-31: five years end 2026-03-31 (a Tuesday).
  community{ code = "OLD5", completion_date = "2021-03-31", households_total = 80 }
  local last_day, trace = repair("roof_waterproofing", "2026-03-31", "OLD5")
  expect_eq(last_day.warranty.expires_on, "2026-03-31", "expires_on of roof_waterproofing completed 2021-03-31")
  expect_eq(last_day.warranty.class, "A", "class of roof_waterproofing registered 2026-03-31")
  expect_line(trace.warranty, "屋面防水保修期 60 个月(5 年)", "period trace")
  local day_after = repair("exterior_wall_leak", "2026-04-01", "OLD5")
  expect_eq(day_after.warranty.class, "B", "class of exterior_wall_leak registered 2026-04-01")
end

-- Fifty-year items ---------------------------------------------------------------------------------

function test_structure_runs_fifty_years()
  -- 2024-02-29 + 600 months: 2074 is no leap year, so 2074-02-28.
  local results, trace = repair("structure", "2026-03-02")
  expect_eq(results.warranty.expires_on, "2074-02-28", "expires_on of structure completed 2024-02-29")
  expect_eq(results.warranty.class, "A", "class of structure registered 2026-03-02")
  expect_line(trace.warranty, "主体结构保修期 600 个月(50 年)", "period trace")
  local foundation = repair("foundation", "2026-03-02")
  expect_eq(foundation.warranty.expires_on, "2074-02-28", "expires_on of foundation completed 2024-02-29")
end

function test_fifty_year_boundary()
  -- Completed 1976-03-31: fifty years end 2026-03-31.
  community{ code = "OLD50", completion_date = "1976-03-31", households_total = 40 }
  local last_day = repair("foundation", "2026-03-31", "OLD50")
  expect_eq(last_day.warranty.expires_on, "2026-03-31", "expires_on of foundation completed 1976-03-31")
  expect_eq(last_day.warranty.class, "A", "class of foundation registered 2026-03-31")
  local day_after = repair("structure", "2026-04-01", "OLD50")
  expect_eq(day_after.warranty.class, "B", "class of structure registered 2026-04-01")
end

-- Components not in the table, and tickets that are not repairs ------------------------------------

function test_a_component_without_a_warranty_period_is_class_b()
  local results, trace = repair("elevator_cabin", "2026-03-02")
  expect_eq(results.warranty.class, "B", "class of a component without a warranty period")
  expect_nil(results.warranty.expires_on, "expires_on of a component without a warranty period")
  expect_line(trace.warranty, "维修部位「电梯轿厢」,不在保修期表中", "trace of a component without a warranty period")
end

function test_a_component_outside_the_vocabulary_is_refused()
  expect_error(function() repair("window_glass", "2026-03-02") end,
    "'window_glass' is not a value of component in the rules' vocabulary", "an unknown component")
  expect_error(function() repair("plumbng", "2026-03-02") end, "did you mean plumbing %(给排水管道%)%?", "a mistyped component")
  local _, trace = repair("给排水管道", "2026-03-02")
  expect_line(trace.warranty, "给排水管道保修期 24 个月(2 年)", "the Chinese name of a component stands for its key")
end

function test_missing_component_is_class_b()
  local results, trace = run{ kind = "repair", trades = { "plumbing" } }
  expect_eq(results.warranty.class, "B", "class of a repair with no component")
  expect_nil(results.warranty.expires_on, "expires_on of a repair with no component")
  expect_line(trace.warranty, "未填写维修部位,不在保修期表中", "trace of a repair with no component")
end

function test_complaint_has_no_class()
  local results = run{ kind = "complaint", cause = "design", component = "plumbing" }
  expect_nil(results.warranty.class, "class of a complaint")
  expect_nil(results.warranty.expires_on, "expires_on of a complaint")
end
