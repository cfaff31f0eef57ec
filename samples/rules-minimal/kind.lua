-- samples/rules-minimal/kind.lua — whether the ticket is a repair: the smallest rule, for measuring the host.
return {
  name = "kind",
  needs = {},
  outputs = { repair = "boolean" },
  evaluate = function(ticket, ctx)
    ctx.because("类别 %s", ticket.kind)
    return { repair = ticket.kind == "repair" }
  end,
}
