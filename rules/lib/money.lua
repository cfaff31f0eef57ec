-- rules/lib/money.lua — amounts of money as trace lines show them.

local money = {}

--- Money for a trace line: 800, not 800.0; 1000.01 with two decimals.
function money.yuan(amount)
  if amount % 1 == 0 then
    return string.format("%.0f", amount)
  end
  return string.format("%.2f", amount)
end

return money
