-- rules/deadlines.lua — by when a ticket must be surveyed, repaired and resolved.
-- POLICY.md section 2: clause 3.4.5 of 房地产公司客户服务管理程序.
--
-- Working days come from the holiday calendar (Monday–Friday, minus public holidays, plus the
-- adjusted working weekend days). "N working days after D" is the N-th working day after D,
-- D itself not counted; a ticket registered on a day off counts from that day all the same.

local vocabulary_names = require("vocabulary_names")   -- rules/lib/vocabulary_names.lua: the trades' Chinese names

local REPAIR = "repair"                 -- ticket kind of a repair (维修工程)

local SURVEY_WORKDAYS = 1               -- 3.4.5: site survey (现场勘察) within 1 working day of registration
local SINGLE_TRADE_WORKDAYS = 3         -- 3.4.5: a one-trade repair (单工种) within 3 working days
local MULTI_TRADE_WORKDAYS = 7          -- 3.4.5: a several-trade repair (多工种) within 7 working days
local MULTI_TRADE_AT_LEAST = 2          -- 3.4.5: 2 or more different trades make a repair 多工种
local OTHER_COMPLAINT_DAYS = 7          -- 3.4.5: any other complaint within one week, taken as 7 calendar days

--- The different trades of a repair, in the order given (a trade named twice counts once).
local function distinct_trades(trades)
  local seen, list = {}, {}
  for _, trade in ipairs(trades or {}) do
    if not seen[trade] then
      seen[trade] = true
      list[#list + 1] = trade
    end
  end
  return list
end

return {
  name = "deadlines",
  needs = {},
  outputs = {
    survey_due = "date?",
    repair_due = "date?",
    resolve_due = "date?",
    needs_consent = "boolean",
  },
  record = { survey_due = "survey_due", repair_due = "repair_due", resolve_due = "resolve_due" },
  work_order = { survey_due = "survey_due", repair_due = "repair_due" },  -- the work order's own deadlines
  deadlines = {                           -- which recorded event meets each deadline
    survey_due = "survey",                -- 3.4.5: the site survey
    repair_due = "complete",              -- 3.4.5: the repair is finished
    resolve_due = "complete",             -- 3.4.5: the complaint is resolved
  },
  output_names = {                        -- what clerks read beside each output
    survey_due = "勘察期限", repair_due = "维修期限", resolve_due = "解决期限", needs_consent = "须客户认可",
  },
  consent = {                             -- 3.4.5: only with the customer's prior consent (recorded)
    allowed_by = "needs_consent",         -- a consent may be recorded when this output is true
    extends = { "repair_due", "resolve_due" },  -- the deadlines a recorded consent moves
  },
  ---@param ticket Ticket
  ---@param ctx Ctx
  evaluate = function(ticket, ctx)
    local calendar = ctx.calendar

    if ticket.kind ~= REPAIR then
      local resolve_due = calendar:add_days(ticket.registered_on, OTHER_COMPLAINT_DAYS)
      ctx.because("非维修类投诉,宜在一周内解决:登记(%s)后 %d 天,最迟 %s (3.4.5)",
        ticket.registered_on, OTHER_COMPLAINT_DAYS, resolve_due)
      return { survey_due = nil, repair_due = nil, resolve_due = resolve_due, needs_consent = false }
    end

    -- Site survey (3.4.5).
    local survey_due = calendar:add_workdays(ticket.registered_on, SURVEY_WORKDAYS)
    ctx.because("现场勘察须在登记(%s)后 %d 个工作日内完成,最迟 %s (3.4.5)",
      ticket.registered_on, SURVEY_WORKDAYS, survey_due)

    -- The repair counts from the survey date when it is known, else from the survey deadline.
    local start = survey_due
    if ticket.survey_date ~= nil then
      start = ticket.survey_date
      ctx.because("现场勘察已于 %s 完成,维修期限自勘察日起算 (3.4.5)", start)
      if ticket.survey_date > survey_due then
        ctx.because("注意:勘察日期 %s 晚于勘察期限 %s (3.4.5)", ticket.survey_date, survey_due)
      end
    else
      ctx.because("尚未记录勘察日期,维修期限自勘察期限 %s 起算 (3.4.5)", survey_due)
    end

    -- One trade or several (3.4.5).
    local trades = distinct_trades(ticket.trades)
    local workdays, line
    if #trades >= MULTI_TRADE_AT_LEAST then
      workdays = MULTI_TRADE_WORKDAYS
      line = string.format("多工种维修(%d 个工种:%s)", #trades, vocabulary_names.names("trades", trades))
    elseif #trades == 1 then
      workdays = SINGLE_TRADE_WORKDAYS
      line = string.format("单工种维修(%s)", vocabulary_names.name("trades", trades[1]))
    else
      workdays = SINGLE_TRADE_WORKDAYS
      line = "未注明工种,按单工种维修"
    end
    local repair_due = calendar:add_workdays(start, workdays)
    ctx.because("%s,%d 个工作日内完成,最迟 %s (3.4.5)", line, workdays, repair_due)

    -- An especially complex repair may take longer, only with the customer's prior consent (3.4.5).
    local needs_consent = ticket.complex == true
    if needs_consent then
      ctx.because("特别复杂的维修任务:可适当延长维修时间,但必须事先取得客户认可并记录 (3.4.5)")
      if ticket.consent_until ~= nil and ticket.consent_until > repair_due then
        ctx.because("客户已事先同意将维修期限延至 %s (3.4.5)", ticket.consent_until)
        repair_due = ticket.consent_until
      elseif ticket.consent_until ~= nil then
        ctx.because("客户同意的日期 %s 不晚于维修期限 %s,期限不变 (3.4.5)", ticket.consent_until, repair_due)
      end
    end

    return {
      survey_due = survey_due,
      repair_due = repair_due,
      resolve_due = repair_due,
      needs_consent = needs_consent,
    }
  end,
}
