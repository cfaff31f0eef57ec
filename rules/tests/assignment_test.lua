-- rules/tests/assignment_test.lua — POLICY.md section 1: the responsible department (2.2–2.7),
-- the 3-working-day feedback (3.4.2.2) and the major complaint (3.4.7).

local t01 = require("community_t01")   -- rules/tests/lib/community_t01.lua
local run = t01.run
setup = t01.setup

-- Responsible department (2.2–2.7) -------------------------------------------------------------

local DEPARTMENT_OF_CAUSE = {
  { cause = "design", department = "design", name = "设计研发部" },
  { cause = "construction", department = "engineering", name = "工程材料部" },
  { cause = "sales", department = "sales", name = "经营销售部" },
  { cause = "contract", department = "sales", name = "经营销售部" },
  { cause = "presale", department = "sales", name = "经营销售部" },
  { cause = "insale", department = "sales", name = "经营销售部" },
  { cause = "payment", department = "finance", name = "财务计统部" },
  { cause = "refund", department = "finance", name = "财务计统部" },
  { cause = "invoice", department = "finance", name = "财务计统部" },
  { cause = "property", department = "property", name = "物业公司" },
  { cause = "legal", department = "legal", name = "法律事务中心" },
  { cause = "warranty", department = "cs", name = "客户服务部" },
  { cause = "other", department = "cs", name = "客户服务部" },
}

function test_each_cause_has_its_department()
  for _, case in ipairs(DEPARTMENT_OF_CAUSE) do
    local results = run{ cause = case.cause }
    expect_eq(results.assignment.department, case.department, "department for cause " .. case.cause)
    expect_eq(results.assignment.department_name, case.name, "department_name for cause " .. case.cause)
  end
end

function test_design_trace_names_cause_department_and_clause()
  local _, trace = run{ cause = "design" }
  expect_line(trace.assignment, "投诉原因「设计」,由设计研发部负责 (2.4)", "trace for cause design")
end

function test_construction_trace()
  local _, trace = run{ cause = "construction" }
  expect_line(trace.assignment, "投诉原因「施工质量」,由工程材料部负责 (2.5)", "trace for cause construction")
end

function test_a_cause_outside_the_vocabulary_is_refused()
  expect_error(function() run{ cause = "noise_from_neighbours" } end,
    "'noise_from_neighbours' is not a value of cause in the rules' vocabulary", "an unknown cause")
  expect_error(function() run{ cause = "desgin" } end, "did you mean design %(设计%)%?", "a mistyped cause")
end

function test_legal_is_assisted_by_cs()
  local results, trace = run{ cause = "legal" }
  expect_eq(results.assignment.assisted_by, { "cs" }, "assisted_by for cause legal")
  expect_line(trace.assignment, "由法律事务中心负责,客户服务部协助 (2.1.3)", "trace for cause legal")
end

function test_cs_owned_causes_are_assisted_by_repair_team()
  for _, cause in ipairs({ "warranty", "other" }) do
    local results = run{ cause = cause }
    expect_eq(results.assignment.assisted_by, { "repair_team" }, "assisted_by for cause " .. cause)
  end
  local _, trace = run{ cause = "warranty" }
  expect_line(trace.assignment, "投诉原因「保修期内维修」,由客户服务部负责,客户服务维修队协助 (2.2.2)", "trace for cause warranty")
end

function test_other_departments_have_no_assistant()
  for _, cause in ipairs({ "design", "construction", "sales", "payment", "property" }) do
    local results = run{ cause = cause }
    expect_eq(results.assignment.assisted_by, {}, "assisted_by for cause " .. cause)
  end
end

-- Feedback within 3 working days (3.4.2.2) ----------------------------------------------------

function test_feedback_due_three_working_days_after_registration()
  -- Monday 2026-03-02: Tue 03, Wed 04, Thu 05.
  local results, trace = run{ cause = "design" }
  expect_eq(results.assignment.feedback_due, "2026-03-05", "feedback_due registered Monday 2026-03-02")
  expect_line(trace.assignment, "最迟 2026-03-05 (3.4.2.2)", "trace of feedback_due")
end

function test_feedback_due_over_labour_day()
  -- Thursday 2026-04-30; 05-01..05-05 are off; Wed 05-06, Thu 05-07, Fri 05-08.
  local results = run{ cause = "sales", received_at = "2026-04-30" }
  expect_eq(results.assignment.feedback_due, "2026-05-08", "feedback_due registered Thursday 2026-04-30")
end

function test_feedback_due_counts_adjusted_working_saturday()
  -- Friday 2026-05-08; Saturday 05-09 is a working day (劳动节调休), then Mon 05-11, Tue 05-12.
  local results = run{ cause = "payment", received_at = "2026-05-08" }
  expect_eq(results.assignment.feedback_due, "2026-05-12", "feedback_due registered Friday 2026-05-08")
end

-- Major complaint (3.4.7) ---------------------------------------------------------------------

function test_ordinary_complaint_is_not_major()
  local results, trace = run{ cause = "construction" }
  expect_false(results.assignment.major, "major for an ordinary complaint")
  expect_eq(results.assignment.notify, {}, "notify for an ordinary complaint")
  expect_line(trace.assignment, "不属于重大投诉:未填预估费用", "trace of an ordinary complaint")
end

function test_cost_10000_is_not_major()
  local results, trace = run{ cause = "construction", estimated_cost = 10000 }
  expect_false(results.assignment.major, "major for cost 10000")
  expect_eq(results.assignment.notify, {}, "notify for cost 10000")
  expect_line(trace.assignment, "不属于重大投诉:预估费用 10000 元,未超过 10000 元", "trace for cost 10000")
end

function test_cost_10000_01_is_major()
  local results, trace = run{ cause = "construction", estimated_cost = 10000.01 }
  expect_true(results.assignment.major, "major for cost 10000.01")
  expect_eq(results.assignment.notify, { "gm", "deputy_gm" }, "notify for cost 10000.01")
  expect_line(trace.assignment, "重大投诉:预估费用 10000.01 元,超过 10000 元 (3.4.7)", "trace for cost 10000.01")
  expect_line(trace.assignment, "立即上报总经理、副总经理", "trace of notify")
end

function test_4_households_is_not_major()
  local results = run{ cause = "construction", households_affected = 4 }
  expect_false(results.assignment.major, "major for 4 households")
  expect_eq(results.assignment.notify, {}, "notify for 4 households")
end

function test_5_households_is_major()
  local results, trace = run{ cause = "construction", households_affected = 5 }
  expect_true(results.assignment.major, "major for 5 households")
  expect_eq(results.assignment.notify, { "gm", "deputy_gm" }, "notify for 5 households")
  expect_line(trace.assignment, "重大投诉:同一楼栋 5 户投诉同一缺陷,达到 5 户 (3.4.7)", "trace for 5 households")
end

function test_hazard_is_major()
  local results, trace = run{ cause = "construction", hazard = true }
  expect_true(results.assignment.major, "major for a hazard")
  expect_eq(results.assignment.notify, { "gm", "deputy_gm" }, "notify for a hazard")
  expect_line(trace.assignment, "重大投诉:存在结构或安全隐患 (3.4.7)", "trace for a hazard")
end

function test_media_is_major()
  local results, trace = run{ cause = "sales", media = true }
  expect_true(results.assignment.major, "major for media involvement")
  expect_eq(results.assignment.notify, { "gm", "deputy_gm" }, "notify for media involvement")
  expect_line(trace.assignment, "重大投诉:有媒体或政府介入 (3.4.7)", "trace for media involvement")
end

function test_trace_names_every_test_that_made_it_major()
  local results, trace = run{ cause = "construction", estimated_cost = 25000, households_affected = 12,
    hazard = true, media = true }
  expect_true(results.assignment.major, "major when all four tests hold")
  expect_line(trace.assignment, "预估费用 25000 元,超过 10000 元", "trace names the cost")
  expect_line(trace.assignment, "同一楼栋 12 户投诉同一缺陷", "trace names the households")
  expect_line(trace.assignment, "存在结构或安全隐患", "trace names the hazard")
  expect_line(trace.assignment, "有媒体或政府介入", "trace names the media")
end

function test_major_repair_is_still_assigned_by_cause()
  local results = run{ kind = "repair", cause = "warranty", estimated_cost = 12000, trades = { "plumbing" } }
  expect_true(results.assignment.major, "major for a 12000 repair")
  expect_eq(results.assignment.department, "cs", "department of a major warranty repair")
end

function test_other_spellings_and_chinese_names_of_causes()
  local spellings = {
    construction_quality = "engineering", quality = "engineering", pre_sale = "sales", in_sale = "sales",
    property_management = "property", legal_dispute = "legal", repair = "cs", warranty_repair = "cs",
    ["施工质量"] = "engineering", ["工程质量"] = "engineering", ["法律纠纷"] = "legal", Design = "design",
  }
  for cause, department in pairs(spellings) do
    local results = evaluate{ community = "T01", received_at = "2026-03-02", cause = cause }
    expect_eq(results.assignment.department, department, "department for cause " .. cause)
  end
end
