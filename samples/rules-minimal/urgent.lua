-- samples/rules-minimal/urgent.lua — a hazard or the press makes a ticket urgent.
return {
  name = "urgent",
  needs = {},
  outputs = { urgent = "boolean", households = "integer" },
  evaluate = function(ticket)
    return { urgent = ticket.hazard == true or ticket.media == true, households = ticket.households_affected or 1 }
  end,
}
