-- rules/assignment.lua — who answers for a complaint, by when, and whether it is major.
-- POLICY.md section 1: clauses 2.1–2.7, 3.4.1–3.4.2 and 3.4.7 of 房地产公司客户服务管理程序.
--
-- Every complaint is registered by 客户服务部 (cs), which names the responsible department
-- from the complaint's cause and tracks it to the end.

local money = require("money")
local actors = require("actors")
local vocabulary_names = require("vocabulary_names")   -- rules/lib/vocabulary_names.lua: the causes and their Chinese names
local yuan, names_of = money.yuan, actors.names_of
local DEPARTMENT_NAMES = actors.NAMES   -- the actors of the procedure: key → Chinese name (rules/lib/actors.lua)

-- Cause of a complaint → responsible department and the clause (the causes' Chinese names: rules/lib/vocabulary.lua).
local CAUSES = {
  design       = { department = "design",      clause = "2.4" },
  construction = { department = "engineering", clause = "2.5" },
  sales        = { department = "sales",       clause = "2.3" },
  contract     = { department = "sales",       clause = "2.3" },
  presale      = { department = "sales",       clause = "2.3" },
  insale       = { department = "sales",       clause = "2.3" },
  payment      = { department = "finance",     clause = "2.6" },
  refund       = { department = "finance",     clause = "2.6" },
  invoice      = { department = "finance",     clause = "2.6" },
  property     = { department = "property",    clause = "3.4.1" },
  legal        = { department = "legal",       clause = "2.1.3" },
  warranty     = { department = "cs",          clause = "2.2.2" },
  other        = { department = "cs",          clause = "2.2" },
}
local COMPLAINT_OWNER = "cs"      -- 2.2, 3.4.2: 客户服务部 registers, assigns and tracks every complaint
local DEFAULT_DEPARTMENT = "cs"   -- 2.2: a cause not in the list above stays with 客户服务部
local DEFAULT_CLAUSE = "2.2"       -- 2.2: the clause a trace names for such a cause

-- Who works with the responsible department.
local ASSISTED_BY = {
  legal = { "cs" },               -- 2.1.3: 法律事务中心协助客户服务部处理法律事务
  cs = { "repair_team" },         -- 3.5: 客户服务维修队 carries out the repairs
}

local FEEDBACK_WORKDAYS = 3       -- 3.4.2.2: the department reports back to cs within 3 working days

-- Major complaint (重大投诉), 3.4.7. The seed gives no test; POLICY.md's interpretation:
-- a complaint is major when ANY one of these holds.
local MAJOR_COST_OVER = 10000           -- 3.4.7: estimated cost over 10,000 yuan (10,000 itself is not)
local MAJOR_HOUSEHOLDS_AT_LEAST = 5     -- 3.4.7: 5 or more households, same defect, same building
local MAJOR_IF_HAZARD = true            -- 3.4.7: a structural or safety hazard
local MAJOR_IF_MEDIA = true             -- 3.4.7: media or government involvement
local MAJOR_NOTIFY = { "gm", "deputy_gm" }  -- 3.4.7: reported at once to 总经理 and 副总经理

--- The reasons (in Chinese) that make a complaint major; an empty list when it is not.
local function major_reasons(ticket)
  local reasons = {}
  local cost = ticket.estimated_cost
  if cost ~= nil and cost > MAJOR_COST_OVER then
    reasons[#reasons + 1] = string.format("预估费用 %s 元,超过 %s 元", yuan(cost), yuan(MAJOR_COST_OVER))
  end
  local households = ticket.households_affected or 1
  if households >= MAJOR_HOUSEHOLDS_AT_LEAST then
    reasons[#reasons + 1] = string.format("同一楼栋 %d 户投诉同一缺陷,达到 %d 户",
      households, MAJOR_HOUSEHOLDS_AT_LEAST)
  end
  if MAJOR_IF_HAZARD and ticket.hazard then
    reasons[#reasons + 1] = "存在结构或安全隐患"
  end
  if MAJOR_IF_MEDIA and ticket.media then
    reasons[#reasons + 1] = "有媒体或政府介入"
  end
  return reasons
end

--- Why a complaint is not major, one phrase per test, for the trace.
local function not_major_summary(ticket)
  local parts = {}
  if ticket.estimated_cost == nil then
    parts[#parts + 1] = "未填预估费用"
  else
    parts[#parts + 1] = string.format("预估费用 %s 元,未超过 %s 元",
      yuan(ticket.estimated_cost), yuan(MAJOR_COST_OVER))
  end
  parts[#parts + 1] = string.format("投诉户数 %d 户,少于 %d 户",
    ticket.households_affected or 1, MAJOR_HOUSEHOLDS_AT_LEAST)
  if MAJOR_IF_HAZARD then
    parts[#parts + 1] = "无结构或安全隐患"
  end
  if MAJOR_IF_MEDIA then
    parts[#parts + 1] = "无媒体或政府介入"
  end
  return table.concat(parts, ";")
end

return {
  name = "assignment",
  needs = {},
  labels = DEPARTMENT_NAMES,  -- names shown beside these keys in `ruledesk eval` and the console
  outputs = {
    department = "string",
    department_name = "string",
    feedback_due = "date",
    major = "boolean",
    notify = "string[]",
    assisted_by = "string[]",
  },
  record = { department = "department", major = "major" },  -- copied onto the ticket by the batch
  responsible = "department",                               -- 3.4.1: who must act; the work queue's department
  deadlines = { feedback_due = "feedback" },                -- 3.4.2.2: met when the department reports back
  output_names = {                                          -- what clerks read beside each output
    department = "责任部门", department_name = "责任部门名称", feedback_due = "反馈期限", major = "重大投诉",
    notify = "上报", assisted_by = "协助",
  },
  ---@param ticket Ticket
  ---@param ctx Ctx
  evaluate = function(ticket, ctx)
    -- Responsible department, from the cause (2.2–2.7).
    local cause = CAUSES[ticket.cause]
    local department, clause
    if cause then
      department, clause = cause.department, cause.clause
    else
      department, clause = DEFAULT_DEPARTMENT, DEFAULT_CLAUSE
    end
    local assisted_by = ASSISTED_BY[department] or {}

    local line
    if cause then
      line = string.format("投诉原因「%s」,由%s负责", vocabulary_names.name("cause", ticket.cause), DEPARTMENT_NAMES[department])
    else
      line = string.format("投诉原因「%s」不在分类表中,按其他投诉由%s负责",
        vocabulary_names.name("cause", ticket.cause), DEPARTMENT_NAMES[department])
    end
    if #assisted_by > 0 then
      line = line .. "," .. names_of(assisted_by) .. "协助"
    end
    ctx.because("%s (%s)", line, clause)

    -- Feedback to cs within 3 working days of registration (3.4.2.2).
    local feedback_due = ctx.calendar:add_workdays(ticket.registered_on, FEEDBACK_WORKDAYS)
    local to_owner = ""
    if department ~= COMPLAINT_OWNER then
      to_owner = "向" .. DEPARTMENT_NAMES[COMPLAINT_OWNER]
    end
    ctx.because("%s须在登记(%s)后 %d 个工作日内%s反馈处理情况,最迟 %s (3.4.2.2)",
      DEPARTMENT_NAMES[department], ticket.registered_on, FEEDBACK_WORKDAYS, to_owner, feedback_due)

    -- Major complaint (3.4.7).
    local reasons = major_reasons(ticket)
    local major = #reasons > 0
    local notify = {}
    if major then
      for _, reason in ipairs(reasons) do
        ctx.because("重大投诉:%s (3.4.7)", reason)
      end
      notify = MAJOR_NOTIFY
      ctx.because("立即上报%s,由其拟订处理措施 (3.4.7)", names_of(notify))
    else
      ctx.because("不属于重大投诉:%s (3.4.7)", not_major_summary(ticket))
    end

    return {
      department = department,
      department_name = DEPARTMENT_NAMES[department],
      feedback_due = feedback_due,
      major = major,
      notify = notify,
      assisted_by = assisted_by,
    }
  end,
}
