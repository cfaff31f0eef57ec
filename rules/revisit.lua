-- rules/revisit.lua — the phone callback after a repair is finished.
-- POLICY.md section 5 (revisits) and section 2 (deadlines): clause 3.5.4 of 房地产公司客户服务管理程序.
--
-- 由客户服务部(处)资料员电话回访客户,了解客户满意程度(完工后一个工作日内).
-- "1 working day after D" is the first working day after D, D itself not counted.

local CALLBACK_WORKDAYS = 1             -- 3.5.4: phone callback within 1 working day of completion
local CALLBACK_KINDS = {                -- 3.5.4: the callback follows a repair (维修工程) only
  repair = true,
}

return {
  name = "revisit",
  needs = {},
  outputs = {
    callback_due = "date?",
  },
  evaluate = function(ticket, ctx)
    if not CALLBACK_KINDS[ticket.kind] then
      ctx.because("非维修类投诉,无完工后电话回访期限 (3.5.4)")
      return { callback_due = nil }
    end

    if ticket.completed_on == nil then
      ctx.because("维修尚未完工,完工后再定电话回访期限 (3.5.4)")
      return { callback_due = nil }
    end

    local callback_due = ctx.calendar:add_workdays(ticket.completed_on, CALLBACK_WORKDAYS)
    ctx.because(string.format("维修已于 %s 完工,资料员须在 %d 个工作日内电话回访客户,最迟 %s (3.5.4)",
      ticket.completed_on, CALLBACK_WORKDAYS, callback_due))
    return { callback_due = callback_due }
  end,
}
