-- rules/tests/reports/weekly_test.lua — the weekly report (rules/reports/weekly.lua) on the world of
-- rules/tests/lib/week18.lua, whose every deadline is worked out there.

local week18 = require("week18")
local rate, row = week18.rate, week18.row
setup = week18.setup

local function weekly(office)
  return report{ name = "weekly", week = "2026-W18", office = office }
end

--- The deadlines table's row for one deadline: due, on time, late, overdue, pending, rate.
local function deadline(r, name)
  local found = row(r.sections.deadlines, name)
  return { found[2], found[3], found[4], found[5], found[6] }, found[7]
end

function test_summary_of_the_company()
  local values = weekly().sections.summary.values
  expect_eq(values["受理"], 2, "received: R1 (04-27) and R4 (04-30); R2, R3, R5 came the week before")
  expect_eq(values["完工"], 2, "completed: R3 (04-29), R1 (04-30)")
  expect_eq(values["结案"], 1, "closed: R3 (05-02)")
  expect_eq(values["重大投诉"], 1, "major: R4, 15,000 yuan")
  expect_eq(values["电话回访"], 1, "callbacks: R3")
  expect_eq(values["期末未结"], 4, "open at the end: all but R3")
  expect_eq(values["工作日"], 4, "working days: 04-27 to 04-30; Labour Day from 05-01")
  expect_eq(values["维修及时率"], rate(1, 1), "repair on time: R3")
  expect_eq(values["回访问题处理率"], rate(1, 2), "findings handled: E01's, not W01's")
end

function test_each_declared_deadline()
  local r = weekly()
  local counts, on_time = deadline(r, "现场勘察")
  expect_eq(counts, { 1, 1, 0, 0, 0 }, "survey: R1 on time")
  expect_eq(on_time, rate(1, 1), "survey rate")
  counts, on_time = deadline(r, "部门反馈")
  expect_eq(counts, { 4, 1, 1, 2, 0 }, "feedback: R1 on time, R2 late, R3 and R5 overdue")
  expect_eq(on_time, rate(1, 4), "feedback rate")
  counts, on_time = deadline(r, "维修")
  expect_eq(counts, { 1, 1, 0, 0, 0 }, "repair: R3 on time")
  expect_eq(on_time, rate(1, 1), "repair rate")
  counts, on_time = deadline(r, "投诉处理")
  expect_eq(counts, { 3, 1, 0, 1, 1 }, "resolve: R3 on time, R2 overdue, R5 due on Sunday 05-03 pending")
  expect_eq(on_time, rate(1, 2), "resolve rate leaves the pending one out")
  counts, on_time = deadline(r, "电话回访")
  expect_eq(counts, { 1, 1, 0, 0, 0 }, "callback: R3 on time")
  expect_eq(on_time, rate(1, 1), "callback rate")
end

function test_an_office_without_repairs_due_has_an_empty_rate()
  local r = weekly(week18.EAST)
  expect_eq(r.sections.summary.values["受理"], 1, "东区 received R1")
  expect_eq(r.sections.summary.values["维修及时率"], rate(0, 0), "no repair of 东区 fell due: empty, not 0 % or 100 %")
  local counts, on_time = deadline(r, "部门反馈")
  expect_eq(counts, { 3, 1, 1, 1, 0 }, "东区 feedback: R1 on time, R2 late, R5 overdue")
  expect_eq(on_time, rate(1, 3), "东区 feedback rate")
  local west = weekly(week18.WEST)
  expect_eq(west.sections.summary.values["受理"], 1, "西区 received R4")
  expect_eq(west.sections.summary.values["回访问题处理率"], rate(0, 1), "西区's finding is open")
end

function test_received_by_cause_department_and_channel()
  local r = weekly()
  expect_eq(r.sections.received_by_cause.rows, { { "保修期内维修", 2 } }, "by cause")
  expect_eq(r.sections.received_by_department.rows, { { "客户服务部", 2 } }, "by department")
  expect_eq(r.sections.received_by_channel.rows, { { "客户服务部", 2 } }, "by channel: cs, the default")
end

function test_major_repairs_and_callbacks()
  local r = weekly()
  expect_eq(#r.sections.major.rows, 1, "one major complaint")
  expect_eq(r.sections.major.rows[1][1], "R4", "R4 is major")
  expect_eq(r.sections.repairs.rows, {
    { "1", "B", 1, 800, 1, 750 },
    { "3", "B", 1, 15000, 0, 0 },
  }, "repairs by tier and class: R1 tier 1 done at 750 yuan, R4 tier 3 open")
  expect_eq(row(r.sections.callbacks, "不满意")[2], 1, "R3's callback was dissatisfied")
  expect_eq(r.sections.callback_chart.series[1].values, { 0, 0, 1, 0 }, "pie: satisfied, neutral, dissatisfied, severely")
end

function test_most_overdue_counts_working_days_across_the_holiday()
  local rows = weekly().sections.most_overdue.rows
  expect_eq(#rows, 2, "R5's feedback and R2's resolution; R3 is closed")
  expect_eq({ rows[1][1], rows[1][4], rows[1][5], rows[1][6] }, { "R5", "部门反馈", "2026-04-29", 1 },
    "due Wednesday 04-29: one working day (04-30) before the holiday")
  expect_eq({ rows[2][1], rows[2][4], rows[2][5], rows[2][6] }, { "R2", "投诉处理", "2026-05-01", 0 },
    "due 05-01: the days after are all off")
end

function test_daily_chart_marks_the_holiday()
  local chart = weekly().sections.daily_chart
  expect_eq(chart.labels, { "04-27", "04-28", "04-29", "04-30", "05-01 休", "05-02 休", "05-03 休" }, "days")
  expect_eq(chart.series[1].values, { 1, 0, 0, 1, 0, 0, 0 }, "received")
  expect_eq(chart.series[2].values, { 0, 0, 1, 1, 0, 0, 0 }, "completed")
end

function test_department_chart()
  local chart = weekly().sections.department_chart
  expect_eq(chart.labels, { "客户服务部", "设计研发部", "财务计统部" }, "departments with deadlines due, by key")
  expect_eq(chart.series[1].values, { rate(5, 6), rate(0, 1), rate(0, 2) },
    "cs: R1 survey and feedback, R3 repair, resolve and callback on time, R3 feedback overdue; design: R5's feedback "
    .. "overdue (its resolution pending); finance: R2 late and overdue")
end

function test_an_empty_week()
  local r = report{ name = "weekly", week = "2026-W30" }
  local values = r.sections.summary.values
  expect_eq(values["受理"], 0, "nothing received")
  expect_eq(values["维修及时率"], rate(0, 0), "no repair fell due: empty")
  for _, line in ipairs(r.sections.deadlines.rows) do
    expect_eq(line[2], 0, line[1] .. " due")
    expect_eq(line[7], rate(0, 0), line[1] .. " rate is empty")
  end
  expect_eq(r.sections.received_by_cause.rows, {}, "no causes")
end

function test_a_quarter_is_refused()
  expect_error(function() report{ name = "weekly", quarter = "2026-Q2" } end, "does not take %-%-quarter", "weekly takes weeks")
end
