-- samples/rules-minimal/band.lua — a cost band from the result of `cost`: the rule set's one `needs`.
local HIGH_FROM = 10000

return {
  name = "band",
  needs = { "cost" },
  outputs = { high = "boolean" },
  evaluate = function(_, ctx)
    return { high = ctx.results.cost.cost >= HIGH_FROM }
  end,
}
