-- rules/reports/yearly.lua — the yearly summary for the general manager's office (年度汇总), POLICY.md 6
-- (3.10): the weekly report's figures for the year, per month with the trend charts, per office and for the company.
-- `ruledesk report yearly --year 2026`.

local sections = require("sections")

local BY = "month"   -- the year in months

return {
  name = "yearly",
  title = "客户服务年度汇总",
  parameters = { period = "year", office = true },
  build = function(params, ctx)
    return sections.periodic(ctx, params, BY)
  end,
}
