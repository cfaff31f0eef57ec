-- rules/tests/revisit_test.lua — POLICY.md section 5 (clause 3.5.4): the phone callback
-- within 1 working day of a repair's completion.

local t01 = require("community_t01")   -- rules/tests/lib/community_t01.lua
local run = t01.run
setup = t01.setup

--- A one-trade repair registered in March 2026 and completed at `completed_at` (nil: not yet).
local function repair_completed(completed_at)
  return run{ kind = "repair", component = "plumbing", trades = { "plumbing" }, completed_at = completed_at }
end

function test_callback_the_next_working_day()
  -- Completed Wednesday 2026-03-04 → Thursday 03-05.
  local results, trace = repair_completed("2026-03-04")
  expect_eq(results.revisit.callback_due, "2026-03-05", "callback_due completed 2026-03-04")
  expect_line(trace.revisit, "维修已于 2026-03-04 完工,资料员须在 1 个工作日内电话回访客户,最迟 2026-03-05 (3.5.4)", "callback trace")
end

function test_callback_after_friday_before_qingming()
  -- Completed Friday 2026-04-03; Sat 04-04 .. Mon 04-06 are off → Tuesday 04-07.
  local results = repair_completed("2026-04-03")
  expect_eq(results.revisit.callback_due, "2026-04-07", "callback_due completed Friday 2026-04-03")
end

function test_callback_after_thursday_before_labour_day()
  -- Completed Thursday 2026-04-30; Fri 05-01 .. Tue 05-05 are off → Wednesday 05-06.
  local results = repair_completed("2026-04-30")
  expect_eq(results.revisit.callback_due, "2026-05-06", "callback_due completed 2026-04-30")
end

function test_callback_on_an_adjusted_working_saturday()
  -- Completed 18:00 Friday 2026-02-13 (Beijing); Saturday 02-14 works (春节调休) → 02-14.
  local results = repair_completed("2026-02-13T18:00:00+08:00")
  expect_eq(results.revisit.callback_due, "2026-02-14", "callback_due completed 2026-02-13T18:00:00+08:00")
end

function test_completion_time_is_taken_at_local_date()
  -- 16:30 UTC Friday 2026-02-27 is 00:30 Saturday 02-28 in Beijing; the next working day after
  -- Saturday 02-28 is Monday 03-02 (the UTC date would give Saturday 02-28 itself).
  local results = repair_completed("2026-02-27T16:30:00Z")
  expect_eq(results.revisit.callback_due, "2026-03-02", "callback_due completed 2026-02-27T16:30:00Z")
end

function test_no_callback_before_completion()
  local results, trace = repair_completed(nil)
  expect_nil(results.revisit.callback_due, "callback_due of a repair not completed")
  expect_line(trace.revisit, "维修尚未完工", "trace of a repair not completed")
end

function test_no_callback_for_a_complaint()
  local results, trace = run{ kind = "complaint", cause = "sales", completed_at = "2026-03-04" }
  expect_nil(results.revisit.callback_due, "callback_due of a completed complaint")
  expect_line(trace.revisit, "非维修类投诉", "trace of a complaint")
end
