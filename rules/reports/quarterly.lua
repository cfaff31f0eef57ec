-- rules/reports/quarterly.lua — the quarterly summary for the general manager's office (季度汇总), POLICY.md 6
-- (3.10): the weekly report's figures for the quarter, per week with the trend charts, per office and for the company.
-- `ruledesk report quarterly --quarter 2026-Q2`.

local sections = require("sections")

local BY = "week"   -- the quarter in weeks

return {
  name = "quarterly",
  title = "客户服务季度汇总",
  parameters = { period = "quarter", office = true },
  build = function(params, ctx)
    return sections.periodic(ctx, params, BY)
  end,
}
