-- rules/tests/approval_test.lua — POLICY.md section 3: who signs a repair's cost (3.6.1), who audits
-- its settlement (3.5.6, 2.7) and whether the contractor attends the survey (3.4.5).
-- Boundaries after 民法典 第1259条: 1000 is tier 1, 10000 tier 2, 500 needs no contractor, 20000 goes to audit.

local t01 = require("community_t01")   -- rules/tests/lib/community_t01.lua
local run = t01.run
setup = t01.setup

--- A one-trade plumbing repair with the given estimated cost.
local function repair(cost)
  return run{ kind = "repair", cause = "warranty", component = "plumbing", trades = { "plumbing" },
    estimated_cost = cost }
end

--- Checks every approval output for a repair of `cost` yuan; returns the approval trace.
local function expect_approval(cost, expected)
  local results, trace = repair(cost)
  local a = results.approval
  local amount = tostring(cost)
  expect_eq(a.tier, expected.tier, "tier for cost " .. amount)
  expect_eq(a.reviewers, expected.reviewers, "reviewers for cost " .. amount)
  expect_eq(a.approvers, expected.approvers, "approvers for cost " .. amount)
  expect_eq(a.settlement_auditor, expected.settlement_auditor, "settlement_auditor for cost " .. amount)
  expect_eq(a.contractor_at_survey, expected.contractor_at_survey, "contractor_at_survey for cost " .. amount)
  return trace.approval
end

function test_cost_500()
  local trace = expect_approval(500, { tier = 1, reviewers = {}, approvers = { "cs_manager" },
    settlement_auditor = "cs", contractor_at_survey = false })
  expect_line(trace, "维修款 500 元 ≤ 500 元,施工单位无须到场勘察 (3.4.5)", "contractor trace for cost 500")
end

function test_cost_500_01()
  local trace = expect_approval(500.01, { tier = 1, reviewers = {}, approvers = { "cs_manager" },
    settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "维修款 500.01 元 > 500 元,施工单位须到场勘察 (3.4.5)", "contractor trace for cost 500.01")
end

function test_cost_800_trace_reads_whole_yuan()
  local trace = expect_approval(800.0, { tier = 1, reviewers = {}, approvers = { "cs_manager" },
    settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "单项维修款 800 元 ≤ 1000 元,由客户服务部经理审批 (3.6.1)", "tier trace for cost 800")
end

function test_cost_1000()
  local trace = expect_approval(1000, { tier = 1, reviewers = {}, approvers = { "cs_manager" },
    settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "单项维修款 1000 元 ≤ 1000 元,由客户服务部经理审批 (3.6.1)", "tier trace for cost 1000")
end

function test_cost_1000_01()
  local trace = expect_approval(1000.01, { tier = 2, reviewers = { "deputy_chief_engineer" },
    approvers = { "deputy_gm" }, settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "单项维修款 1000.01 元 > 1000 元且 ≤ 10000 元,由分管工程质量的副总工程师审核、副总经理批准 (3.6.1)",
    "tier trace for cost 1000.01")
end

function test_cost_10000()
  local trace = expect_approval(10000, { tier = 2, reviewers = { "deputy_chief_engineer" },
    approvers = { "deputy_gm" }, settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "单项维修款 10000 元 > 1000 元且 ≤ 10000 元", "tier trace for cost 10000")
end

function test_cost_10000_01()
  local trace = expect_approval(10000.01, { tier = 3, reviewers = {}, approvers = { "gm" },
    settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "单项维修款 10000.01 元 > 10000 元,报总经理审批 (3.6.1)", "tier trace for cost 10000.01")
end

function test_cost_19999_99()
  local trace = expect_approval(19999.99, { tier = 3, reviewers = {}, approvers = { "gm" },
    settlement_auditor = "cs", contractor_at_survey = true })
  expect_line(trace, "维修费用 19999.99 元 < 20000 元,结算由客户服务部审核 (3.5.6)", "settlement trace for cost 19999.99")
end

function test_cost_20000()
  local trace = expect_approval(20000, { tier = 3, reviewers = {}, approvers = { "gm" },
    settlement_auditor = "audit", contractor_at_survey = true })
  expect_line(trace, "维修费用 20000 元 ≥ 20000 元,结算交审计核算部审核 (3.5.6, 2.7)", "settlement trace for cost 20000")
end

function test_repair_without_cost_is_taken_as_0()
  local results, trace = run{ kind = "repair", component = "plumbing", trades = { "plumbing" } }
  local a = results.approval
  expect_eq(a.tier, 1, "tier for a repair with no cost")
  expect_eq(a.approvers, { "cs_manager" }, "approvers for a repair with no cost")
  expect_eq(a.settlement_auditor, "cs", "settlement_auditor for a repair with no cost")
  expect_false(a.contractor_at_survey, "contractor_at_survey for a repair with no cost")
  expect_line(trace.approval, "未填预估维修费用,暂按 0 元处理", "trace for a repair with no cost")
end

function test_complaint_has_no_approval()
  local results, trace = run{ kind = "complaint", cause = "sales", estimated_cost = 5000 }
  local a = results.approval
  expect_eq(a.tier, 0, "tier for a complaint")
  expect_eq(a.reviewers, {}, "reviewers for a complaint")
  expect_eq(a.approvers, {}, "approvers for a complaint")
  expect_nil(a.settlement_auditor, "settlement_auditor for a complaint")
  expect_false(a.contractor_at_survey, "contractor_at_survey for a complaint")
  expect_line(trace.approval, "非维修类投诉", "trace for a complaint")
end
