-- samples/rules-minimal/cost.lua — the estimated cost, 0 when it is not known.
return {
  name = "cost",
  needs = {},
  outputs = { cost = "number", known = "boolean" },
  evaluate = function(ticket)
    return { cost = ticket.estimated_cost or 0, known = ticket.estimated_cost ~= nil }
  end,
}
