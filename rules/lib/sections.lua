-- rules/lib/sections.lua — the sections the report scripts (rules/reports/) are made of, from the figures of
-- rules/lib/figures.lua: headline figures, tables and charts as data, with Chinese titles.

local figures = require("figures")
local rate = figures.rate

local sections = {}

--- The headline figures of a period.
function sections.summary(ctx, from, to, office)
  local totals = figures.totals(ctx, from, to, office)
  local repair_rate = rate(0, 0)
  for _, row in ipairs(figures.deadlines(ctx, from, to, office)) do
    if row.deadline == figures.REPAIR_DEADLINE then
      repair_rate = row.rate
    end
  end
  local findings = figures.findings(ctx, from, to, office)
  return {
    id = "summary", title = "概况",
    note = "维修及时率 = 按时完成 / 已到期(按时 + 超时完成 + 超期未办);回访问题处理率截至期末 (3.7.5.7)",
    figures = {
      { label = "受理", value = totals.received },
      { label = "完工", value = totals.completed },
      { label = "结案", value = totals.closed },
      { label = "重大投诉", value = totals.major },
      { label = "电话回访", value = totals.callbacks },
      { label = "期末未结", value = figures.open_at(ctx, to, office) },
      { label = "工作日", value = figures.workdays(ctx, from, to) },
      { label = "维修及时率", value = repair_rate },
      { label = "回访问题处理率", value = rate(findings.handled or 0, findings.found) },
    },
  }
end

--- Each declared deadline: fell due, on time, late, overdue, pending, on-time rate.
function sections.deadlines(ctx, from, to, office)
  local rows = {}
  for _, row in ipairs(figures.deadlines(ctx, from, to, office)) do
    rows[#rows + 1] = { figures.deadline_name(row.deadline), row.due, row.on_time, row.late, row.overdue, row.pending, row.rate }
  end
  return {
    id = "deadlines", title = "各项期限",
    note = "按期末状态计:按时 = 在期限当日或之前完成;超期未办 = 期限已过仍未完成;未到期 = 期末当日到期、尚未完成(不计入及时率)",
    table = { columns = { "期限", "到期", "按时", "超时完成", "超期未办", "未到期", "及时率" }, rows = rows },
  }
end

--- Tickets received by cause, department and channel.
function sections.received(ctx, from, to, office)
  local function table_of(column, title, name_of)
    local rows = {}
    for _, row in ipairs(figures.received_by(ctx, column, from, to, office)) do
      rows[#rows + 1] = { name_of(row.key), row.n }
    end
    return { id = "received_by_" .. column, title = "受理 · 按" .. title,
             table = { columns = { title, "件数" }, rows = rows } }
  end
  return {
    table_of("cause", "原因", figures.cause_name),
    table_of("department", "责任部门", figures.department_name),
    table_of("channel", "渠道", figures.channel_name),
  }
end

--- The major complaints received.
function sections.major(ctx, from, to, office)
  local rows = {}
  for _, row in ipairs(figures.major(ctx, from, to, office, figures.MAJOR_LISTED)) do
    rows[#rows + 1] = { row.number, row.registered_on, row.community, figures.department_name(row.department),
                        row.estimated_cost or "", row.households_affected, row.closed_on or "" }
  end
  local count = figures.totals(ctx, from, to, office).major
  return { id = "major", title = "重大投诉 (3.4.7)",
           note = count > #rows and string.format("共 %d 项,列出前 %d 项", count, #rows) or nil,
           table = { columns = { "工单", "登记日", "小区", "责任部门", "预估费用", "投诉户数", "结案日" }, rows = rows } }
end

--- Repairs by approval tier and work-order class, with their costs.
function sections.repairs(ctx, from, to, office)
  local rows = {}
  for _, row in ipairs(figures.repairs(ctx, from, to, office)) do
    rows[#rows + 1] = { row.tier and tostring(row.tier) or "(未定)", row.class or "(未定)", row.n, row.estimated,
                        row.completed, row.final }
  end
  return { id = "repairs", title = "维修 · 按审批级别和类别 (3.6.1, 3.5.1)",
           note = "本期受理的维修;预估费用为登记时的估算,结算费用为期末前完工的维修的最终费用",
           table = { columns = { "审批级别", "类别", "件数", "预估费用", "已完工", "结算费用" }, rows = rows } }
end

--- Callbacks made, by rating: a table and a pie.
function sections.callbacks(ctx, from, to, office)
  local rows, labels, values = {}, {}, {}
  for _, row in ipairs(figures.callbacks(ctx, from, to, office)) do
    rows[#rows + 1] = { figures.rating_name(row.rating), row.n }
    labels[#labels + 1] = figures.rating_name(row.rating)
    values[#values + 1] = row.n
  end
  return {
    { id = "callbacks", title = "电话回访 · 按评价 (3.5.4)", table = { columns = { "评价", "次数" }, rows = rows } },
    { id = "callback_chart", title = "回访评价", chart = { kind = "pie", labels = labels, series = { { name = "次数", values = values } } } },
  }
end

--- Revisits against their plans, and the findings handled.
function sections.revisits(ctx, from, to, office)
  local rows = {}
  for _, row in ipairs(figures.revisits(ctx, from, to, office)) do
    rows[#rows + 1] = { row.community, row.planned_on, row.kind, row.sample_size, row.visited, rate(row.visited, row.sample_size) }
  end
  local findings = figures.findings(ctx, from, to, office)
  return {
    { id = "revisits", title = "回访 · 对照计划 (3.7.5)", note = "各小区最近一次计划:计划抽取的住户中,自计划日至期末已回访的户数",
      table = { columns = { "小区", "计划日", "类型", "计划户数", "已回访", "完成率" }, rows = rows } },
    { id = "findings", title = "回访问题处理 (3.7.5.7)", note = "回访评价为不满意或非常不满意即为问题;再次回访该户即为已处理;目标 100%",
      figures = {
        { label = "问题", value = findings.found },
        { label = "已处理", value = findings.handled or 0 },
        { label = "回访问题处理率", value = rate(findings.handled or 0, findings.found) },
      } },
  }
end

--- Tickets whose rules failed.
function sections.rule_errors(ctx, from, to, office)
  local rows = {}
  for _, row in ipairs(figures.rule_errors(ctx, from, to, office)) do
    rows[#rows + 1] = { row.number, row.registered_on, row.error or "" }
  end
  return { id = "rule_errors", title = "规则错误", note = "期末前登记、规则执行失败的工单(ruledesk batch --retry-errors 重新执行)",
           table = { columns = { "工单", "登记日", "错误" }, rows = rows } }
end

--- The open tickets most overdue at the end of the period.
function sections.most_overdue(ctx, to, office)
  local rows = {}
  for _, row in ipairs(figures.most_overdue(ctx, to, office, figures.MOST_OVERDUE)) do
    rows[#rows + 1] = { row.number, row.community, figures.department_name(row.department),
                        figures.deadline_name(row.deadline), row.due, row.workdays }
  end
  return { id = "most_overdue", title = "超期最久的未结工单(前 " .. figures.MOST_OVERDUE .. " 项)",
           table = { columns = { "工单", "小区", "责任部门", "期限", "到期日", "超期工作日" }, rows = rows } }
end

--- A line chart of tickets received and completed per day; holidays and weekends marked 休.
function sections.daily_chart(ctx, from, to, office)
  local labels, received, completed = {}, {}, {}
  for _, day in ipairs(figures.daily(ctx, from, to, office)) do
    labels[#labels + 1] = string.sub(day.day, 6) .. (day.workday and "" or " 休")
    received[#received + 1] = day.received
    completed[#completed + 1] = day.completed
  end
  return { id = "daily_chart", title = "每日受理与完工",
           chart = { kind = "line", labels = labels,
                     series = { { name = "受理", values = received }, { name = "完工", values = completed } } } }
end

--- A bar chart of the on-time rate by responsible department.
function sections.department_chart(ctx, from, to, office)
  local labels, values = {}, {}
  for _, row in ipairs(figures.deadlines_by_department(ctx, from, to, office)) do
    labels[#labels + 1] = figures.department_name(row.department)
    values[#values + 1] = row.rate
  end
  return { id = "department_chart", title = "各责任部门期限及时率",
           note = "本期到期的全部期限;及时率 = 按时 / 已到期",
           chart = { kind = "bar", labels = labels, series = { { name = "及时率", values = values } } } }
end

--- Appends the items of `list` (a section or a list of sections) to `into`.
function sections.add(into, list)
  if list.id then
    into[#into + 1] = list
  else
    for _, section in ipairs(list) do
      into[#into + 1] = section
    end
  end
  return into
end

local MONTH_OFFSETS = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }

--- The ISO weekday of a date: 1 is Monday, 7 is Sunday (Sakamoto's method).
function sections.weekday(date)
  local year, month, day = tonumber(string.sub(date, 1, 4)), tonumber(string.sub(date, 6, 7)), tonumber(string.sub(date, 9, 10))
  if month < 3 then
    year = year - 1
  end
  local weekday = (year + year // 4 - year // 100 + year // 400 + MONTH_OFFSETS[month] + day) % 7
  return weekday == 0 and 7 or weekday
end

--- The periods a quarterly or yearly report breaks into: ISO weeks clipped to the period, or months.
function sections.steps(ctx, from, to, by)
  local steps, start = {}, from
  while start <= to do
    local finish
    if by == "month" then
      finish = ctx.calendar:add_days(ctx.calendar:add_months(string.sub(start, 1, 8) .. "01", 1), -1)
    else
      finish = ctx.calendar:add_days(start, 7 - sections.weekday(start))
    end
    if finish > to then
      finish = to
    end
    local label
    if by == "month" then
      label = string.sub(start, 1, 7)
    else
      label = string.sub(start, 6) .. "–" .. string.sub(finish, 6)
    end
    steps[#steps + 1] = { from = start, to = finish, label = label }
    start = ctx.calendar:add_days(finish, 1)
  end
  return steps
end

--- Per week or month of the period: the counts and the on-time rate of each declared deadline; with the trend
--- charts of received against completed and of the rates.
function sections.trend(ctx, from, to, office, by)
  local steps = sections.steps(ctx, from, to, by)
  local declared = figures.deadlines(ctx, from, to, office)
  local columns = { by == "month" and "月份" or "周", "受理", "完工", "重大投诉", "电话回访" }
  for _, row in ipairs(declared) do
    columns[#columns + 1] = figures.deadline_name(row.deadline) .. "及时率"
  end
  local rows, labels, received, completed, rates = {}, {}, {}, {}, {}
  for i, row in ipairs(declared) do
    rates[i] = { name = figures.deadline_name(row.deadline), values = {} }
  end
  for _, step in ipairs(steps) do
    local totals = figures.totals(ctx, step.from, step.to, office)
    local line = { step.label, totals.received, totals.completed, totals.major, totals.callbacks }
    for i, row in ipairs(figures.deadlines(ctx, step.from, step.to, office)) do
      line[#line + 1] = row.rate
      rates[i].values[#rates[i].values + 1] = row.rate
    end
    rows[#rows + 1] = line
    labels[#labels + 1] = step.label
    received[#received + 1] = totals.received
    completed[#completed + 1] = totals.completed
  end
  local unit = by == "month" and "月" or "周"
  return {
    { id = "trend", title = "按" .. unit .. "统计", table = { columns = columns, rows = rows } },
    { id = "trend_chart", title = "每" .. unit .. "受理与完工",
      chart = { kind = "line", labels = labels,
                series = { { name = "受理", values = received }, { name = "完工", values = completed } } } },
    { id = "rate_chart", title = "每" .. unit .. "各项期限及时率",
      chart = { kind = "line", labels = labels, series = rates } },
  }
end

--- For the company: each office's counts and rates side by side.
function sections.offices(ctx, from, to)
  local rows = {}
  for _, office in ipairs(figures.offices(ctx)) do
    local totals = figures.totals(ctx, from, to, office)
    local repair_rate, all_on_time, all_known = figures.rate(0, 0), 0, 0
    for _, row in ipairs(figures.deadlines(ctx, from, to, office)) do
      if row.deadline == figures.REPAIR_DEADLINE then
        repair_rate = row.rate
      end
      all_on_time = all_on_time + row.rate.numerator
      all_known = all_known + row.rate.denominator
    end
    local findings = figures.findings(ctx, from, to, office)
    rows[#rows + 1] = { figures.office_name(office), totals.received, totals.completed, totals.major, figures.open_at(ctx, to, office),
                        repair_rate, rate(all_on_time, all_known), rate(findings.handled or 0, findings.found) }
  end
  return { id = "offices", title = "各客服处",
           table = { columns = { "客服处", "受理", "完工", "重大投诉", "期末未结", "维修及时率", "期限及时率", "回访问题处理率" },
                     rows = rows } }
end

--- The sections of a summary over a longer period (quarterly, yearly): the weekly report's figures for the period,
--- the trend by `by` ("week" or "month"), and each office beside the company when no office is asked for.
function sections.periodic(ctx, params, by)
  local from, to, office = params.from, params.to, params.office
  local report = {}
  sections.add(report, sections.summary(ctx, from, to, office))
  sections.add(report, sections.trend(ctx, from, to, office, by))
  if office == nil then
    sections.add(report, sections.offices(ctx, from, to))
  end
  sections.add(report, sections.deadlines(ctx, from, to, office))
  sections.add(report, sections.department_chart(ctx, from, to, office))
  sections.add(report, sections.received(ctx, from, to, office))
  sections.add(report, sections.major(ctx, from, to, office))
  sections.add(report, sections.repairs(ctx, from, to, office))
  sections.add(report, sections.callbacks(ctx, from, to, office))
  sections.add(report, sections.revisits(ctx, from, to, office))
  sections.add(report, sections.most_overdue(ctx, to, office))
  sections.add(report, sections.rule_errors(ctx, from, to, office))
  return report
end

return sections
