-- rules/tests/revisit_plan_test.lua — POLICY.md section 5 (clause 3.7.5): a community's revisit plan.
--
-- First revisit once 50% have moved in: at least 90% of the occupied households, in person (3.7.5.1).
-- Then once a year: 10–25% by phone, never fewer than 10% of the occupied households (3.7.5.2).
-- Owners severely dissatisfied since the last saved plan are visited again with 客户服务部经理 (3.7.5.9).
-- Sample sizes round up; a sample is reproducible and spreads over the buildings in proportion.

local building_of = {}   -- household code → building, for the households a test stored
local numbered = {}      -- community and building → households stored so far

--- Stores `count` households of `community` in `building`, moved in on `moved_in_on` (nil: not yet);
--- returns their codes.
local function add_households(community_code, building, count, moved_in_on)
  local key = community_code .. "-" .. building
  local codes = {}
  for _ = 1, count do
    numbered[key] = (numbered[key] or 0) + 1
    local room = string.format("%03d", numbered[key])
    local code = string.format("%s-%s-%s", community_code, building, room)
    household{ code = code, community = community_code, building = building, unit = "1", room = room,
      moved_in_on = moved_in_on }
    building_of[code] = building
    codes[#codes + 1] = code
  end
  return codes
end

--- The plan of community T01 on `on`, with `fields` (settings, save) on top.
local function plan_on(on, fields)
  local request = { community = "T01", on = on }
  for key, value in pairs(fields or {}) do
    request[key] = value
  end
  return plan(request)
end

--- How many of `codes` are in each building.
local function per_building(codes)
  local counts = {}
  for _, code in ipairs(codes) do
    local building = building_of[code]
    counts[building] = (counts[building] or 0) + 1
  end
  return counts
end

--- The first of `codes` that is not in `drawn`.
local function first_not_in(codes, drawn)
  local taken = {}
  for _, code in ipairs(drawn) do
    taken[code] = true
  end
  for _, code in ipairs(codes) do
    if not taken[code] then
      return code
    end
  end
  return nil
end

--- A plan of kind none: no mode, no sample.
local function expect_no_revisit(result, what)
  expect_eq(result.kind, "none", "kind " .. what)
  expect_nil(result.mode, "mode " .. what)
  expect_eq(result.sample_size, 0, "sample size " .. what)
  expect_eq(result.households, {}, "households " .. what)
end

function setup()
  building_of, numbered = {}, {}
  import("calendar", "tests/data/calendar.csv")
  community{ code = "T01", completion_date = "2024-02-29", households_total = 100 }
end

-- Occupancy and the first revisit (3.7.5, 3.7.5.1) --------------------------------------------

function test_no_first_revisit_below_half_occupancy()
  add_households("T01", "1", 49, "2025-01-01")
  add_households("T01", "1", 51, nil)
  local result, trace = plan_on("2025-03-03")
  expect_no_revisit(result, "for 49 of 100 occupied")
  expect_eq(result.occupancy, 0.49, "occupancy for 49 of 100 occupied")
  expect_eq(result.follow_ups, {}, "follow_ups without visits")
  expect_line(trace, "已入住 49 户,总户数 100 户,入住率 49% (3.7.5)", "occupancy trace")
  expect_line(trace, "入住率 49% < 50%,暂不进行首次回访 (3.7.5)", "trace for 49 of 100 occupied")
end

function test_first_revisit_at_half_occupancy()
  local occupied = add_households("T01", "1", 50, "2025-01-01")
  add_households("T01", "1", 50, nil)
  local result, trace = plan_on("2025-03-03")
  expect_eq(result.kind, "first", "kind for 50 of 100 occupied")
  expect_eq(result.mode, "in_person", "mode of the first revisit")
  expect_eq(result.occupancy, 0.5, "occupancy for 50 of 100 occupied")
  expect_eq(result.sample_size, 45, "sample size for 50 occupied")
  expect_eq(#result.households, 45, "households drawn for 50 occupied")
  expect_nil(first_not_in(result.households, occupied), "every household drawn has moved in")
  expect_line(trace, "入住率 50% ≥ 50%,尚未进行首次回访:入户回访不少于已入住 50 户的 90%,即 45 户 (3.7.5.1)",
    "trace for 50 of 100 occupied")
end

function test_households_moving_in_after_the_plan_date_do_not_count()
  add_households("T01", "1", 40, "2025-01-01")
  add_households("T01", "1", 20, "2025-06-01")
  local before = plan_on("2025-05-31")
  expect_eq(before.occupancy, 0.4, "occupancy the day before 20 move in")
  expect_eq(before.kind, "none", "kind the day before 20 move in")
  local on_the_day = plan_on("2025-06-01")
  expect_eq(on_the_day.occupancy, 0.6, "occupancy the day 20 move in")
  expect_eq(on_the_day.kind, "first", "kind the day 20 move in")
  expect_eq(on_the_day.sample_size, 54, "sample size for 60 occupied")
end

function test_first_sample_rounds_up()
  add_households("T01", "1", 91, "2025-01-01")
  local result = plan_on("2025-03-03")
  expect_eq(result.sample_size, 82, "sample size for 91 occupied")
  expect_eq(#result.households, 82, "households drawn for 91 occupied")

  community{ code = "T02", completion_date = "2024-02-29", households_total = 100 }
  add_households("T02", "1", 100, "2025-01-01")
  expect_eq(plan{ community = "T02", on = "2025-03-03" }.sample_size, 90, "sample size for 100 occupied")

  community{ code = "T03", completion_date = "2024-02-29", households_total = 20 }
  add_households("T03", "1", 10, "2025-01-01")
  expect_eq(plan{ community = "T03", on = "2025-03-03" }.sample_size, 9, "sample size for 10 occupied")
end

function test_community_without_households_total()
  community{ code = "T02", completion_date = "2024-02-29", households_total = 0 }
  add_households("T02", "1", 3, "2025-01-01")
  local result, trace = plan{ community = "T02", on = "2025-03-03" }
  expect_eq(result.occupancy, 0, "occupancy when households_total is 0")
  expect_no_revisit(result, "when households_total is 0")
  expect_line(trace, "小区总户数为 0", "trace when households_total is 0")
end

-- The yearly revisit (3.7.5.2) ---------------------------------------------------------------

function test_annual_revisit_after_first_more_than_12_months_earlier()
  add_households("T01", "1", 100, "2024-12-01")
  local first = plan_on("2025-01-10", { save = true })
  expect_eq(first.kind, "first", "kind on 2025-01-10")
  local result, trace = plan_on("2026-03-01")
  expect_eq(result.kind, "annual", "kind on 2026-03-01")
  expect_eq(result.mode, "phone", "mode of the annual revisit")
  expect_eq(result.sample_size, 15, "sample size for 100 occupied at 15%")
  expect_eq(#result.households, 15, "households drawn for 100 occupied at 15%")
  expect_line(trace, "首次回访已于 2025-01-10 进行,已满 12 个月,进行年度回访:电话回访已入住 100 户的 15%,即 15 户 (3.7.5.2)",
    "trace of the annual revisit")
end

function test_no_revisit_within_12_months_of_the_first()
  add_households("T01", "1", 100, "2024-12-01")
  plan_on("2025-01-10", { save = true })
  local result, trace = plan_on("2025-12-01")
  expect_no_revisit(result, "11 months after the first revisit")
  expect_eq(result.occupancy, 1, "occupancy for 100 of 100 occupied")
  expect_line(trace, "首次回访已于 2025-01-10 进行,12 个月内不再回访,下次年度回访 2026-01-10 起 (3.7.5.2)",
    "trace 11 months after the first revisit")
end

function test_annual_window_is_12_months_to_the_day()
  add_households("T01", "1", 100, "2024-01-15")
  expect_eq(plan_on("2024-03-01", { save = true }).kind, "first", "kind on 2024-03-01")
  expect_eq(plan_on("2025-04-01", { save = true }).kind, "annual", "kind on 2025-04-01")

  local day_before, trace = plan_on("2026-03-31")
  expect_no_revisit(day_before, "on 2026-03-31, an annual revisit on 2025-04-01")
  expect_line(trace, "年度回访已于 2025-04-01 进行,12 个月内不再回访,下次年度回访 2026-04-01 起 (3.7.5.2)", "trace on 2026-03-31")

  local due, due_trace = plan_on("2026-04-01")
  expect_eq(due.kind, "annual", "kind on 2026-04-01, 12 months after the last annual revisit")
  expect_line(due_trace, "首次回访已于 2024-03-01 进行,最近一次年度回访在 2025-04-01,已满 12 个月", "trace on 2026-04-01")
end

function test_annual_ratio_above_25_percent_is_clamped()
  add_households("T01", "1", 100, "2024-12-01")
  plan_on("2025-01-10", { save = true })
  local result, trace = plan_on("2026-03-01", { settings = { annual_ratio = 0.40 } })
  expect_eq(result.sample_size, 25, "sample size for 100 occupied at annual_ratio 0.40")
  expect_line(trace, "年度回访抽样比例 40% 不在 10%–25% 之内,按 25% 抽样 (3.7.5.2)", "trace of the clamp to 25%")
end

function test_annual_ratio_below_10_percent_is_clamped()
  add_households("T01", "1", 100, "2024-12-01")
  plan_on("2025-01-10", { save = true })
  local result, trace = plan_on("2026-03-01", { settings = { annual_ratio = 0.05 } })
  expect_eq(result.sample_size, 10, "sample size for 100 occupied at annual_ratio 0.05")
  expect_line(trace, "年度回访抽样比例 5% 不在 10%–25% 之内,按 10% 抽样 (3.7.5.2)", "trace of the clamp to 10%")
end

function test_annual_ratio_within_range_is_kept()
  -- 0.14 × 100 is 14.000000000000002 in floating point: the sample is still 14, not 15.
  add_households("T01", "1", 100, "2024-12-01")
  plan_on("2025-01-10", { save = true })
  for _, case in ipairs({ { ratio = 0.14, size = 14 }, { ratio = 0.20, size = 20 }, { ratio = 0.25, size = 25 } }) do
    local result, trace = plan_on("2026-03-01", { settings = { annual_ratio = case.ratio } })
    expect_eq(result.sample_size, case.size, "sample size for 100 occupied at annual_ratio " .. case.ratio)
    expect_nil(table.concat(trace, "\n"):find("抽样比例", 1, true),
      "no clamp in the trace at annual_ratio " .. case.ratio)
  end
end

function test_annual_sample_of_a_small_community_rounds_up()
  community{ code = "T02", completion_date = "2024-02-29", households_total = 10 }
  add_households("T02", "1", 7, "2024-12-01")
  local first = plan{ community = "T02", on = "2025-01-10", save = true }
  expect_eq(first.sample_size, 7, "sample size for 7 occupied at 90%")
  local at_15 = plan{ community = "T02", on = "2026-03-01" }
  expect_eq(at_15.sample_size, 2, "sample size for 7 occupied at 15%")
  local at_10 = plan{ community = "T02", on = "2026-03-01", settings = { annual_ratio = 0.10 } }
  expect_eq(at_10.sample_size, 1, "sample size for 7 occupied at 10%")
  local below = plan{ community = "T02", on = "2026-03-01", settings = { annual_ratio = 0.01 } }
  expect_eq(below.sample_size, 1, "sample size for 7 occupied at annual_ratio 0.01")
end

-- The sample: by building, reproducible --------------------------------------------------------

function test_sample_spreads_over_buildings_in_proportion()
  add_households("T01", "1", 60, "2025-01-01")
  add_households("T01", "2", 30, "2025-01-01")
  add_households("T01", "3", 10, "2025-01-01")
  local result, trace = plan_on("2025-03-03")
  expect_eq(result.sample_size, 90, "sample size for 100 occupied")
  local counts = per_building(result.households)
  expect_eq(counts["1"], 54, "households drawn in building 1 (60 occupied)")
  expect_eq(counts["2"], 27, "households drawn in building 2 (30 occupied)")
  expect_eq(counts["3"], 9, "households drawn in building 3 (10 occupied)")
  expect_line(trace, "按楼栋入住户数比例抽取:1号楼 54 户、2号楼 27 户、3号楼 9 户 (3.7.5.1)", "trace of the allocation")
end

function test_only_occupied_households_share_the_sample()
  add_households("T01", "1", 40, "2025-01-01")
  add_households("T01", "2", 20, "2025-01-01")
  add_households("T01", "2", 40, nil)
  local result = plan_on("2025-03-03")
  local counts = per_building(result.households)
  expect_eq(counts["1"], 36, "households drawn in building 1 (40 of 40 occupied)")
  expect_eq(counts["2"], 18, "households drawn in building 2 (20 of 60 occupied)")
end

function test_a_small_building_is_not_left_out()
  -- Annual 15% of 100: building 2's share is 7 × 15% = 1.05, so it gets 1 of the 15.
  add_households("T01", "1", 93, "2024-12-01")
  add_households("T01", "2", 7, "2024-12-01")
  plan_on("2025-01-10", { save = true })
  local result = plan_on("2026-03-01")
  local counts = per_building(result.households)
  expect_eq(counts["2"], 1, "households drawn in building 2 (7 occupied)")
  expect_eq(counts["1"], 14, "households drawn in building 1 (93 occupied)")
end

function test_same_plan_twice_is_identical()
  add_households("T01", "1", 40, "2025-01-01")
  add_households("T01", "2", 20, "2025-01-01")
  local once = plan_on("2025-03-03")
  local again = plan_on("2025-03-03")
  expect_eq(again.households, once.households, "households of the same plan twice")
  expect_eq(again, once, "the same plan twice")
end

function test_another_date_draws_reproducibly()
  add_households("T01", "1", 40, "2025-01-01")
  add_households("T01", "2", 20, "2025-01-01")
  local monday = plan_on("2025-03-03")
  local tuesday = plan_on("2025-03-04")
  expect_eq(tuesday.sample_size, monday.sample_size, "sample size a day later")
  expect_eq(plan_on("2025-03-04").households, tuesday.households, "households of the 2025-03-04 plan twice")
  expect_eq(plan_on("2025-03-03").households, monday.households, "households of the 2025-03-03 plan twice")
end

-- Follow-ups of severely dissatisfied owners (3.7.5.9) ---------------------------------------

function test_severely_dissatisfied_owner_outside_the_sample_is_followed_up()
  local occupied = add_households("T01", "1", 60, "2025-01-01")
  local first = plan_on("2025-03-03", { save = true })
  expect_eq(first.sample_size, 54, "sample size for 60 occupied")
  local outside = first_not_in(occupied, first.households)
  expect_true(outside ~= nil, "a household outside the first sample")
  revisit_result{ community = "T01", household = outside, visited_on = "2025-03-10", mode = "phone",
    rating = "severely_dissatisfied" }

  local result, trace = plan_on("2025-04-01")
  expect_eq(result.kind, "none", "kind a month after the first revisit")
  expect_eq(result.follow_ups, { { household = outside, with_manager = true } },
    "follow_ups for a severely dissatisfied owner outside the sample")
  expect_line(trace, "业主 " .. outside .. " 在 2025-03-10 的回访中严重不满意,须再回访,客户服务部经理参加 (3.7.5.9)",
    "trace of the follow-up")
end

function test_follow_ups_count_only_results_since_the_last_saved_plan()
  local occupied = add_households("T01", "1", 60, "2025-01-01")
  local early, late, unhappy = occupied[1], occupied[2], occupied[3]
  revisit_result{ community = "T01", household = early, visited_on = "2025-02-01", mode = "phone",
    rating = "severely_dissatisfied" }

  local before = plan_on("2025-02-10")
  expect_eq(before.follow_ups, { { household = early, with_manager = true } },
    "follow_ups before any plan was saved")

  plan_on("2025-03-03", { save = true })
  revisit_result{ community = "T01", household = late, visited_on = "2025-03-03", mode = "in_person",
    rating = "severely_dissatisfied" }
  revisit_result{ community = "T01", household = unhappy, visited_on = "2025-03-05", mode = "in_person",
    rating = "dissatisfied" }

  local result, trace = plan_on("2025-04-01")
  expect_eq(result.follow_ups, { { household = late, with_manager = true } },
    "follow_ups since the plan saved on 2025-03-03")
  expect_line(trace, "自 2025-03-03 回访计划以来的回访中有 1 次「不满意」评价", "trace of the dissatisfied ratings")
end

function test_follow_ups_name_each_owner_once_in_code_order()
  local occupied = add_households("T01", "1", 49, "2025-01-01")
  local ratings = {
    { occupied[5], "2025-02-01", "severely_dissatisfied" },
    { occupied[2], "2025-02-03", "severely_dissatisfied" },
    { occupied[3], "2025-02-04", "dissatisfied" },
    { occupied[4], "2025-02-05", "satisfied" },
    { occupied[6], "2025-02-06", "neutral" },
    { occupied[7], "2025-02-07", "dissatisfied" },
    { occupied[5], "2025-02-15", "severely_dissatisfied" },
  }
  for _, rating in ipairs(ratings) do
    revisit_result{ community = "T01", household = rating[1], visited_on = rating[2], mode = "phone",
      rating = rating[3] }
  end

  local result, trace = plan_on("2025-03-03")
  expect_eq(result.kind, "none", "kind for 49 of 100 occupied")
  expect_eq(result.follow_ups, {
    { household = occupied[2], with_manager = true },
    { household = occupied[5], with_manager = true },
  }, "follow_ups of two severely dissatisfied owners")
  expect_line(trace, "业主 " .. occupied[5] .. " 在 2025-02-01、2025-02-15 的回访中严重不满意",
    "trace of an owner severely dissatisfied twice")
  expect_line(trace, "历次回访中有 2 次「不满意」评价,对不满意项集中的问题做专题调查 (3.7.5.9)", "trace of the dissatisfied ratings")
end
