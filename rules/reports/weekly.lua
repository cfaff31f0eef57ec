-- rules/reports/weekly.lua — the weekly report of a customer-service office (周报), POLICY.md 6 (3.10.3, 3.4.4):
-- what was received and by whom it is handled, how each deadline fared, repairs and their costs, callbacks,
-- revisits and their findings, rule errors, and what is most overdue. `ruledesk report weekly --week 2026-W18`.

local sections = require("sections")
local add = sections.add

return {
  name = "weekly",
  title = "客户服务周报",
  parameters = { period = "week", office = true },
  build = function(params, ctx)
    local from, to, office = params.from, params.to, params.office
    local report = {}
    add(report, sections.summary(ctx, from, to, office))
    add(report, sections.daily_chart(ctx, from, to, office))
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
