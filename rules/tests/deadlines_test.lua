-- rules/tests/deadlines_test.lua — POLICY.md section 2 (clause 3.4.5): survey, repair and resolve deadlines.
--
-- Working days: Monday–Friday, minus the `off` days, plus the `work` days of the 2024–2026 calendar.
-- "N working days after D" is the N-th working day after D, D itself not counted.

local t01 = require("community_t01")   -- rules/tests/lib/community_t01.lua
local run = t01.run
setup = t01.setup

-- An ordinary week: March 2026 has no holidays --------------------------------------------------

function test_one_trade_repair_without_survey_date()
  -- Monday 03-02 → survey Tue 03-03; repair counts from 03-03: Wed 04, Thu 05, Fri 06.
  local results, trace = run{ kind = "repair", trades = { "plumbing" } }
  local d = results.deadlines
  expect_eq(d.survey_due, "2026-03-03", "survey_due registered Monday 2026-03-02")
  expect_eq(d.repair_due, "2026-03-06", "repair_due for 1 trade, no survey date")
  expect_eq(d.resolve_due, "2026-03-06", "resolve_due of a repair is its repair_due")
  expect_false(d.needs_consent, "needs_consent of an ordinary repair")
  expect_line(trace.deadlines, "现场勘察须在登记(2026-03-02)后 1 个工作日内完成,最迟 2026-03-03 (3.4.5)", "survey trace")
  expect_line(trace.deadlines, "尚未记录勘察日期,维修期限自勘察期限 2026-03-03 起算 (3.4.5)", "start trace")
  expect_line(trace.deadlines, "单工种维修(给排水),3 个工作日内完成,最迟 2026-03-06 (3.4.5)", "repair trace")
end

function test_two_trade_repair_without_survey_date()
  -- From survey_due Tue 03-03: 04, 05, 06, 09, 10, 11, 12.
  local results, trace = run{ kind = "repair", trades = { "plumbing", "tiling" } }
  expect_eq(results.deadlines.repair_due, "2026-03-12", "repair_due for 2 trades, no survey date")
  expect_eq(results.deadlines.resolve_due, "2026-03-12", "resolve_due for 2 trades, no survey date")
  expect_line(trace.deadlines, "多工种维修(2 个工种:给排水、贴砖),7 个工作日内完成,最迟 2026-03-12 (3.4.5)",
    "repair trace for 2 trades")
end

function test_three_trades_are_several_trades()
  local results = run{ kind = "repair", trades = { "plumbing", "tiling", "painting" } }
  expect_eq(results.deadlines.repair_due, "2026-03-12", "repair_due for 3 trades")
end

function test_a_trade_named_twice_is_one_trade()
  local results = run{ kind = "repair", trades = { "plumbing", "plumbing" } }
  expect_eq(results.deadlines.repair_due, "2026-03-06", "repair_due for plumbing named twice")
end

function test_repair_without_trades_counts_as_one_trade()
  local results, trace = run{ kind = "repair" }
  expect_eq(results.deadlines.repair_due, "2026-03-06", "repair_due for no trades")
  expect_line(trace.deadlines, "未注明工种,按单工种维修", "trace for no trades")
end

function test_one_trade_counts_from_survey_date()
  -- Surveyed Thursday 03-05: Fri 06, Mon 09, Tue 10.
  local results, trace = run{ kind = "repair", trades = { "electrical" }, survey_date = "2026-03-05" }
  expect_eq(results.deadlines.survey_due, "2026-03-03", "survey_due does not move with the survey date")
  expect_eq(results.deadlines.repair_due, "2026-03-10", "repair_due for 1 trade surveyed 2026-03-05")
  expect_line(trace.deadlines, "现场勘察已于 2026-03-05 完成,维修期限自勘察日起算 (3.4.5)", "start trace")
  expect_line(trace.deadlines, "注意:勘察日期 2026-03-05 晚于勘察期限 2026-03-03", "late survey trace")
end

function test_two_trades_count_from_survey_date()
  -- Surveyed Thursday 03-05: 06, 09, 10, 11, 12, 13, 16.
  local results = run{ kind = "repair", trades = { "electrical", "plumbing" }, survey_date = "2026-03-05" }
  expect_eq(results.deadlines.repair_due, "2026-03-16", "repair_due for 2 trades surveyed 2026-03-05")
end

function test_survey_on_the_day_of_registration()
  -- Surveyed the same Monday 03-02: Tue 03, Wed 04, Thu 05; no late-survey warning.
  local results, trace = run{ kind = "repair", trades = { "plumbing" }, survey_date = "2026-03-02" }
  expect_eq(results.deadlines.repair_due, "2026-03-05", "repair_due for 1 trade surveyed 2026-03-02")
  expect_false(table.concat(trace.deadlines, "\n"):find("注意", 1, true) ~= nil,
    "no late-survey line for a timely survey")
end

function test_complex_repair_needs_consent()
  local results, trace = run{ kind = "repair", trades = { "masonry", "plumbing" }, complex = true }
  expect_true(results.deadlines.needs_consent, "needs_consent of a complex repair")
  expect_eq(results.deadlines.repair_due, "2026-03-12", "repair_due of a complex repair is still the 3.4.5 one")
  expect_line(trace.deadlines, "必须事先取得客户认可", "trace of a complex repair")
end

-- Complaints that are not repairs: one week ------------------------------------------------------

function test_complaint_resolved_in_7_calendar_days()
  local results, trace = run{ kind = "complaint", cause = "sales" }
  local d = results.deadlines
  expect_nil(d.survey_due, "survey_due of a complaint")
  expect_nil(d.repair_due, "repair_due of a complaint")
  expect_eq(d.resolve_due, "2026-03-09", "resolve_due of a complaint registered 2026-03-02")
  expect_false(d.needs_consent, "needs_consent of a complaint")
  expect_line(trace.deadlines, "非维修类投诉,宜在一周内解决:登记(2026-03-02)后 7 天,最迟 2026-03-09 (3.4.5)",
    "trace of a complaint")
end

function test_complaint_week_counts_holidays()
  -- Wednesday 2026-09-30 + 7 calendar days = 2026-10-07, the last day of the National Day holiday.
  local results = run{ kind = "complaint", received_at = "2026-09-30" }
  expect_eq(results.deadlines.resolve_due, "2026-10-07", "resolve_due of a complaint registered 2026-09-30")
end

function test_complex_complaint_needs_no_consent()
  local results = run{ kind = "complaint", complex = true }
  expect_false(results.deadlines.needs_consent, "needs_consent of a complaint marked complex")
end

-- Holidays and adjusted working days ------------------------------------------------------------

function test_thursday_before_labour_day()
  -- Thursday 2026-04-30; Fri 05-01 .. Tue 05-05 are off → survey Wed 05-06.
  -- One trade: Thu 05-07, Fri 05-08, Sat 05-09 (调休上班).
  -- Two trades: 05-07, 05-08, 05-09, Mon 05-11, 05-12, 05-13, 05-14.
  local one = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-04-30" }
  expect_eq(one.deadlines.survey_due, "2026-05-06", "survey_due registered 2026-04-30")
  expect_eq(one.deadlines.repair_due, "2026-05-09", "repair_due for 1 trade registered 2026-04-30")
  local two = run{ kind = "repair", trades = { "plumbing", "tiling" }, received_at = "2026-04-30" }
  expect_eq(two.deadlines.repair_due, "2026-05-14", "repair_due for 2 trades registered 2026-04-30")
end

function test_friday_before_qingming()
  -- Friday 2026-04-03; Sat 04-04 .. Mon 04-06 are off → survey Tue 04-07; one trade: 08, 09, Fri 04-10.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-04-03" }
  expect_eq(results.deadlines.survey_due, "2026-04-07", "survey_due registered Friday 2026-04-03")
  expect_eq(results.deadlines.repair_due, "2026-04-10", "repair_due registered Friday 2026-04-03")
end

function test_friday_before_a_working_saturday()
  -- Friday 2026-02-13; Saturday 02-14 is a working day (春节调休) → survey Sat 02-14.
  -- One trade from 02-14: 02-15 .. 02-23 are off (春节), 02-21/22 a weekend → Tue 02-24, Wed 02-25, Thu 02-26.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-02-13" }
  expect_eq(results.deadlines.survey_due, "2026-02-14", "survey_due registered Friday 2026-02-13")
  expect_eq(results.deadlines.repair_due, "2026-02-26", "repair_due registered Friday 2026-02-13")
end

function test_wednesday_before_national_day()
  -- Wednesday 2026-09-30; Thu 10-01 .. Wed 10-07 are off → survey Thu 10-08.
  -- One trade: Fri 10-09, Sat 10-10 (调休上班), Mon 10-12.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-09-30" }
  expect_eq(results.deadlines.survey_due, "2026-10-08", "survey_due registered 2026-09-30")
  expect_eq(results.deadlines.repair_due, "2026-10-12", "repair_due registered 2026-09-30")
end

function test_thursday_before_mid_autumn()
  -- Thursday 2026-09-24; Fri 09-25 .. Sun 09-27 are off → survey Mon 09-28.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-09-24" }
  expect_eq(results.deadlines.survey_due, "2026-09-28", "survey_due registered 2026-09-24")
end

function test_registered_on_a_holiday()
  -- Friday 2026-10-02 is a National Day holiday; counting starts from it all the same:
  -- 10-03 .. 10-07 are off → survey Thu 10-08; one trade: Fri 10-09, Sat 10-10 (调休上班), Mon 10-12.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-10-02" }
  expect_eq(results.deadlines.survey_due, "2026-10-08", "survey_due registered on holiday 2026-10-02")
  expect_eq(results.deadlines.repair_due, "2026-10-12", "repair_due registered on holiday 2026-10-02")
  local complaint = run{ kind = "complaint", received_at = "2026-10-02" }
  expect_eq(complaint.deadlines.resolve_due, "2026-10-09", "resolve_due of a complaint registered 2026-10-02")
end

function test_registered_on_an_ordinary_saturday()
  -- Saturday 2026-03-07 is a day off; 1 working day after it is Monday 03-09.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-03-07" }
  expect_eq(results.deadlines.survey_due, "2026-03-09", "survey_due registered Saturday 2026-03-07")
end

function test_registered_on_an_adjusted_working_saturday()
  -- Saturday 2026-02-28 works (春节调休); the next working day is Monday 03-02.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-02-28" }
  expect_eq(results.deadlines.survey_due, "2026-03-02", "survey_due registered Saturday 2026-02-28")
end

function test_registered_on_an_adjusted_working_sunday()
  -- Sunday 2026-09-20 works (国庆节调休); the next working day is Monday 09-21.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-09-20" }
  expect_eq(results.deadlines.survey_due, "2026-09-21", "survey_due registered Sunday 2026-09-20")
end

function test_friday_before_an_adjusted_working_sunday()
  -- Friday 2026-09-18; Saturday 09-19 is off, Sunday 09-20 works → survey Sun 09-20.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-09-18" }
  expect_eq(results.deadlines.survey_due, "2026-09-20", "survey_due registered Friday 2026-09-18")
end

function test_company_day_off_from_calendar_day()
  -- A day stored with calendar_day counts like an imported one: Tuesday 03-03 off → survey Wed 03-04.
  calendar_day("2026-03-03", "off", "公司停工")
  local results = run{ kind = "repair", trades = { "plumbing" } }
  expect_eq(results.deadlines.survey_due, "2026-03-04", "survey_due with 2026-03-03 off")
end

-- Registration date is the local date (Asia/Shanghai) ------------------------------------------

function test_just_after_midnight_local_time()
  -- 00:30 Friday 2026-05-08 in Beijing (Thursday in UTC) → registered Friday;
  -- survey Sat 05-09 (调休上班). Had it been Thursday 05-07, the survey would be due 05-08.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-05-08T00:30:00+08:00" }
  expect_eq(results.deadlines.survey_due, "2026-05-09", "survey_due received 2026-05-08T00:30:00+08:00")
  local complaint = run{ kind = "complaint", received_at = "2026-05-08T00:30:00+08:00" }
  expect_eq(complaint.deadlines.resolve_due, "2026-05-15", "resolve_due received 2026-05-08T00:30:00+08:00")
end

function test_utc_time_is_taken_at_local_date()
  -- 17:00 UTC Thursday 2026-03-05 is 01:00 Friday 03-06 in Beijing → survey Mon 03-09
  -- (the UTC date would give Fri 03-06); a complaint is due Fri 03-13.
  local results = run{ kind = "repair", trades = { "plumbing" }, received_at = "2026-03-05T17:00:00Z" }
  expect_eq(results.deadlines.survey_due, "2026-03-09", "survey_due received 2026-03-05T17:00:00Z")
  local complaint = run{ kind = "complaint", received_at = "2026-03-05T17:00:00Z" }
  expect_eq(complaint.deadlines.resolve_due, "2026-03-13", "resolve_due received 2026-03-05T17:00:00Z")
end
