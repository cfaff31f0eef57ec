-- rules/tests/reports/periodic_test.lua — the quarterly and yearly summaries (rules/reports/quarterly.lua,
-- yearly.lua) on the world of rules/tests/lib/week18.lua: the same figures, per week or month and per office.

local week18 = require("week18")
local rate, row = week18.rate, week18.row
setup = week18.setup

function test_quarter_in_weeks()
  local r = report{ name = "quarterly", quarter = "2026-Q2" }
  local trend = r.sections.trend
  expect_eq(#trend.rows, 14, "2026-Q2 touches 14 ISO weeks: 04-01 (Wednesday) to 06-30 (Tuesday)")
  expect_eq(trend.rows[1][1], "04-01–04-05", "the first week is clipped to the quarter")
  local w17, w18 = row(trend, "04-20–04-26"), row(trend, "04-27–05-03")
  expect_eq({ w17[2], w18[2] }, { 3, 2 }, "received: R2, R3, R5 in W17; R1, R4 in W18")
  expect_eq({ w17[3], w18[3] }, { 0, 2 }, "completed in W18: R1, R3")
  expect_eq(r.sections.trend_chart.series[1].values[4], 3, "the line chart's W17 point")
  expect_eq(r.sections.summary.values["受理"], 5, "the quarter received all five")
end

function test_quarter_per_office_and_the_company()
  local offices = report{ name = "quarterly", quarter = "2026-Q2" }.sections.offices
  expect_eq(#offices.rows, 2, "two offices")
  local east, west = row(offices, week18.EAST), row(offices, week18.WEST)
  expect_eq({ east[2], west[2] }, { 3, 2 }, "received: 东区 R1, R2, R5; 西区 R3, R4")
  expect_eq(west[6], rate(1, 2), "西区 repair rate: R3 on time; R4's repair, due 05-14 (seven working days from "
    .. "its survey deadline 05-06, Saturday 05-09 worked), overdue by the quarter's end")
  expect_nil(report{ name = "quarterly", quarter = "2026-Q2", office = week18.EAST }.sections.offices,
    "one office's summary has no table of offices")
end

function test_year_in_months()
  local r = report{ name = "yearly", year = "2026" }
  expect_eq(#r.sections.trend.rows, 12, "twelve months")
  expect_eq(row(r.sections.trend, "2026-04")[2], 5, "all five in April")
  expect_eq(row(r.sections.trend, "2026-05")[2], 0, "none in May")
  expect_eq(#r.sections.rate_chart.series, 5, "one rate line per declared deadline")
end
