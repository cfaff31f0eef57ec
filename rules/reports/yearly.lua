-- rules/reports/yearly.lua — the yearly summary for the general manager's office (年度汇总), POLICY.md 6
-- (3.10): the weekly report's figures for the year, per month with the trend charts, per office and for the company.
-- `ruledesk report yearly --year 2026`.

local sections = require("sections")
local add = sections.add

local BY = "month"   -- the year in months

return {
  name = "yearly",
  title = "客户服务年度汇总",
  parameters = { period = "year", office = true },
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
