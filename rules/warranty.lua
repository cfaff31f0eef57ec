-- rules/warranty.lua — is a repair a warranty task (class A) or company-paid (class B)?
-- POLICY.md section 4: clause 3.5.1 of 房地产公司客户服务管理程序, with the warranty periods of
-- 建设工程质量管理条例 第四十条 and 房屋建筑工程质量保修办法 (建设部令第80号) 第七条.
--
-- The contractor's warranty for a component runs from the community's completion-acceptance date
-- (竣工验收合格之日). A period of N months ends on the same day number N months later, or on that
-- month's last day when it has no such day (民法典 第二百零一、二百零二条): 2024-02-29 + 24 months
-- ends 2026-02-28. A defect registered on or before the end date is class A, after it class B.

local vocabulary_names = require("vocabulary_names")   -- rules/lib/vocabulary_names.lua: the components' Chinese names

local REPAIR = "repair"                 -- ticket kind of a repair (维修工程); other tickets have no class

local CLASS_IN_WARRANTY = "A"           -- 3.5.1: A类 保修任务, inside the contractor's warranty; contractor pays
local CLASS_COMPANY_PAID = "B"          -- 3.5.1: B类 保修期外应由公司承担的维修任务; the company pays
local CLASS_MEANING = {                 -- 3.5.1, 3.5.9: what each class means, for the trace
  [CLASS_IN_WARRANTY] = "保修任务,费用由施工单位承担",
  [CLASS_COMPANY_PAID] = "维修任务,费用由公司承担",
}

-- Warranty periods in months (建设工程质量管理条例 第四十条).
local DESIGN_LIFE_MONTHS = 600          -- 第四十条(一): foundation and structure, the design life: 50 years for housing
local WATERPROOFING_MONTHS = 60         -- 第四十条(二): waterproofing and leaks, 5 years
local HEATING_COOLING_MONTHS = 24       -- 第四十条(三): 2 heating or cooling seasons, taken as 24 months
local INSTALLATION_MONTHS = 24          -- 第四十条(四): pipes, wiring, equipment and decoration, 2 years

-- Component key → its warranty period (the components and their Chinese names: rules/lib/vocabulary.lua).
local WARRANTY_MONTHS = {
  foundation             = DESIGN_LIFE_MONTHS,
  structure              = DESIGN_LIFE_MONTHS,
  roof_waterproofing     = WATERPROOFING_MONTHS,
  bathroom_waterproofing = WATERPROOFING_MONTHS,
  room_waterproofing     = WATERPROOFING_MONTHS,
  exterior_wall_leak     = WATERPROOFING_MONTHS,
  heating                = HEATING_COOLING_MONTHS,
  cooling                = HEATING_COOLING_MONTHS,
  electrical             = INSTALLATION_MONTHS,
  plumbing               = INSTALLATION_MONTHS,
  equipment              = INSTALLATION_MONTHS,
  decoration             = INSTALLATION_MONTHS,
}

--- A period for a trace line: "60 个月(5 年)", or "18 个月" when it is not whole years.
local function period_text(months)
  if months % 12 == 0 then
    return string.format("%d 个月(%d 年)", months, months // 12)
  end
  return string.format("%d 个月", months)
end

return {
  name = "warranty",
  needs = {},
  outputs = {
    class = "string?",
    expires_on = "date?",
  },
  record = { class = "class" },           -- copied onto the ticket by the batch
  work_order = { class = "class" },       -- 3.5.1: a repair with a class gets a 《工程派工单》 of that class
  output_names = { class = "维修类别", expires_on = "保修期至" },  -- what clerks read beside each output
  ---@param ticket Ticket
  ---@param ctx Ctx
  evaluate = function(ticket, ctx)
    if ticket.kind ~= REPAIR then
      ctx.because("非维修类投诉,不派《工程派工单》,无 A/B 类别 (3.5.1)")
      return { class = nil, expires_on = nil }
    end

    local months = WARRANTY_MONTHS[ticket.component]
    if months == nil then
      local which = "未填写维修部位"
      if ticket.component ~= nil then
        which = string.format("维修部位「%s」", vocabulary_names.name("component", ticket.component))
      end
      ctx.because("%s,不在保修期表中,按保修期外处理:%s 类%s (3.5.1)",
        which, CLASS_COMPANY_PAID, CLASS_MEANING[CLASS_COMPANY_PAID])
      return { class = CLASS_COMPANY_PAID, expires_on = nil }
    end

    local community = ctx.community
    local completed = community and community.completion_date
    if completed == nil then
      error(string.format("小区 %s 没有竣工验收日期,无法判断保修期:请先补录该小区的 completion_date",
        tostring(ticket.community)), 0)
    end

    local expires_on = ctx.calendar:add_months(completed, months)
    ctx.because("%s保修期 %s,自竣工验收(%s)起至 %s 止 (建设工程质量管理条例 第四十条)",
      vocabulary_names.name("component", ticket.component), period_text(months), completed, expires_on)

    if ticket.registered_on <= expires_on then
      ctx.because("登记日 %s 在保修期内,为 %s 类%s (3.5.1)",
        ticket.registered_on, CLASS_IN_WARRANTY, CLASS_MEANING[CLASS_IN_WARRANTY])
      return { class = CLASS_IN_WARRANTY, expires_on = expires_on }
    end
    ctx.because("登记日 %s 已过保修期,为 %s 类%s (3.5.1)",
      ticket.registered_on, CLASS_COMPANY_PAID, CLASS_MEANING[CLASS_COMPANY_PAID])
    return { class = CLASS_COMPANY_PAID, expires_on = expires_on }
  end,
}
