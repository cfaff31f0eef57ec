-- rules/reports/quarterly.lua — the quarterly summary for the general manager's office (季度汇总), POLICY.md 6
-- (3.10): the weekly report's figures for the quarter, per week with the trend charts, per office and for the company.
-- `ruledesk report quarterly --quarter 2026-Q2`.

local sections = require("sections")
local add = sections.add

local BY = "week"   -- the quarter in weeks

return {
  name = "quarterly",
  title = "客户服务季度汇总",
  parameters = { period = "quarter", office = true },
  build = function(params, ctx)
    local from, to, office = params.from, params.to, params.office
    local report = {}
    add(report, sections.summary(ctx, from, to, office))
    add(report, sections.trend(ctx, from, to, office, BY))
    if office == nil then
      add(report, sections.offices(ctx, from, to))
    end
    add(report, sections.deadlines(ctx, from, to, office))
    add(report, sections.department_chart(ctx, from, to, office))
    add(report, sections.received(ctx, from, to, office))
    add(report, sections.major(ctx, from, to, office))
    add(report, sections.repairs(ctx, from, to, office))
    add(report, sections.callbacks(ctx, from, to, office))
    add(report, sections.revisits(ctx, from, to, office))
    add(report, sections.most_overdue(ctx, to, office))
    add(report, sections.rule_errors(ctx, from, to, office))
    return report
  end,
}
