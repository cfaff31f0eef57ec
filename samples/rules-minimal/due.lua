-- samples/rules-minimal/due.lua — one working day after registration: the rule set's one calendar call.
return {
  name = "due",
  needs = {},
  outputs = { due = "date" },
  evaluate = function(ticket, ctx)
    return { due = ctx.calendar:add_workdays(ticket.registered_on, 1) }
  end,
}
