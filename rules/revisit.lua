-- rules/revisit.lua — revisits (回访): the phone callback after a repair, and a community's revisit plan.
-- POLICY.md section 5 (revisits) and section 2 (deadlines): clauses 3.5.4 and 3.7.5 of 房地产公司客户服务管理程序.
--
-- evaluate: 由客户服务部(处)资料员电话回访客户,了解客户满意程度(完工后一个工作日内).
-- "1 working day after D" is the first working day after D, D itself not counted.
--
-- plan (`ruledesk revisit plan`, docs/rules.md "Revisit plans"): 客户服务部在小区客户入住50%后进行客户回访,
-- the first time at least 90% of the occupied households, then a yearly sample of 10–25%; every owner
-- severely dissatisfied in a revisit is visited again with 客户服务部经理.
-- Ratios are written as fractions; sample sizes round up, computed in whole numbers of 0.01%
-- (14% of 100 is 14, though 0.14 × 100 is 14.000000000000002 in floating point).

local CALLBACK_WORKDAYS = 1             -- 3.5.4: phone callback within 1 working day of completion
local CALLBACK_KINDS = {                -- 3.5.4: the callback follows a repair (维修工程) only
  repair = true,
}

local FIRST_OCCUPANCY = 0.50            -- 3.7.5: revisits start once 50% of the households have moved in (入住50%后)
local FIRST_SAMPLE_RATIO = 0.90         -- 3.7.5.1: the first revisit covers at least 90% of the occupied households
local FIRST_MODE = "in_person"          -- 3.7.5.1: 宜采用入户回访方式
local ANNUAL_INTERVAL_MONTHS = 12       -- 3.7.5.2: 每个小区宜每年进行一次客户回访
local ANNUAL_RATIO = 0.15               -- 3.7.5.2: the yearly sample (ctx.settings.annual_ratio overrides it)
local ANNUAL_RATIO_MIN = 0.10           -- 3.7.5.2: 抽取10~25%的客户, lower end
local ANNUAL_RATIO_MAX = 0.25           -- 3.7.5.2: 抽取10~25%的客户, upper end
local ANNUAL_AT_LEAST_RATIO = 0.10      -- 3.7.5.2: 回访户数不少于总入住户数的10%
local ANNUAL_MODE = "phone"             -- 3.7.5.2 names no way of visiting: the yearly sample is called by phone
local SAMPLE_STRATA = "building"        -- POLICY.md 5, interpretation: a sample spreads over the buildings
local SEVERE_RATING = "severely_dissatisfied"  -- 3.7.5.9: 严重不满意的客户,客户服务部经理必须全数参与再回访
local DISSATISFIED_RATING = "dissatisfied"     -- 3.7.5.9: "不满意"项集中的问题做专题调查
local FOLLOW_UP_WITH_MANAGER = true     -- 3.7.5.9: 客户服务部经理参加

local KIND_NAMES = { first = "首次回访", annual = "年度回访" }
local PER_WHOLE = 10000                 -- ratios are counted in 0.01% (basis points)

--- A ratio (0.15) in whole 0.01% (1500), rounded to the nearest.
local function basis_points(ratio)
  return math.floor(ratio * PER_WHOLE + 0.5)
end

--- `points` 0.01% of `count`, rounded up: an integer, exactly.
local function share_of(points, count)
  return (points * count + PER_WHOLE - 1) // PER_WHOLE
end

--- 0.01% as a percent for a trace: 1500 → 15%, 1250 → 12.5%.
local function percent_text(points)
  if points % 100 == 0 then
    return string.format("%d%%", points // 100)
  end
  local text = string.format("%.2f", points / 100):gsub("0+$", "")
  return text .. "%"
end

--- A building's name for a trace: "1" → 1号楼.
local function building_name(building)
  if building == nil or building == "" then
    return "未分楼栋"
  end
  return tostring(building) .. "号楼"
end

--- Buildings in a readable order: by number when both are numbers, else as text.
local function building_before(a, b)
  local na, nb = tonumber(a), tonumber(b)
  if na and nb and na ~= nb then
    return na < nb
  end
  return tostring(a) < tostring(b)
end

--- The annual ratio in 0.01%, from the constant or ctx.settings.annual_ratio, clamped to 10–25%.
local function annual_points(settings, ctx)
  local ratio = ANNUAL_RATIO
  if settings.annual_ratio ~= nil then
    ratio = tonumber(settings.annual_ratio)
    if ratio == nil or ratio ~= ratio or math.abs(ratio) == math.huge then
      error(string.format("settings.annual_ratio should be a number such as 0.15, not %q",
        tostring(settings.annual_ratio)), 0)
    end
  end
  local points = basis_points(ratio)
  local low, high = basis_points(ANNUAL_RATIO_MIN), basis_points(ANNUAL_RATIO_MAX)
  local clamped = math.min(math.max(points, low), high)
  if clamped ~= points then
    ctx.because("年度回访抽样比例 %s 不在 %s–%s 之内,按 %s 抽样 (3.7.5.2)",
      percent_text(points), percent_text(low), percent_text(high), percent_text(clamped))
  end
  return clamped
end

--- The last saved plan that was a revisit (first or annual), or nil.
local function last_revisit(plans)
  for i = #plans, 1, -1 do
    if KIND_NAMES[plans[i].kind] then
      return plans[i]
    end
  end
  return nil
end

--- The first date on which a revisit made on `done_on` no longer counts as "in the last 12 months".
local function next_annual_on(calendar, done_on)
  local day = calendar:add_months(done_on, ANNUAL_INTERVAL_MONTHS)
  while calendar:add_months(day, -ANNUAL_INTERVAL_MONTHS) < done_on do
    day = calendar:add_days(day, 1)
  end
  return day
end

--- Kind, mode and sample size of the plan, each decision in the trace.
local function decide(occupied, percent, plans, settings, ctx)
  local first_done = nil
  for _, saved in ipairs(plans) do
    if saved.kind == "first" then
      first_done = saved
      break
    end
  end

  if first_done == nil then
    local threshold = basis_points(FIRST_OCCUPANCY)
    if percent.points < threshold then
      ctx.because("入住率 %d%% < %s,暂不进行首次回访 (3.7.5)", percent.whole, percent_text(threshold))
      return "none", nil, 0
    end
    local ratio = basis_points(FIRST_SAMPLE_RATIO)
    local size = share_of(ratio, occupied)
    ctx.because("入住率 %d%% ≥ %s,尚未进行首次回访:入户回访不少于已入住 %d 户的 %s,即 %d 户 (3.7.5.1)",
      percent.whole, percent_text(threshold), occupied, percent_text(ratio), size)
    return "first", FIRST_MODE, size
  end

  local since = ctx.calendar:add_months(ctx.on, -ANNUAL_INTERVAL_MONTHS)
  local last = last_revisit(plans)
  if last.on > since then
    ctx.because("%s已于 %s 进行,%d 个月内不再回访,下次年度回访 %s 起 (3.7.5.2)",
      KIND_NAMES[last.kind], last.on, ANNUAL_INTERVAL_MONTHS, next_annual_on(ctx.calendar, last.on))
    return "none", nil, 0
  end

  local ratio = annual_points(settings, ctx)
  local size = share_of(ratio, occupied)
  local floor_points = basis_points(ANNUAL_AT_LEAST_RATIO)
  local floor_size = share_of(floor_points, occupied)
  local done = string.format("首次回访已于 %s 进行", first_done.on)
  if last ~= first_done then
    done = done .. string.format(",最近一次%s在 %s", KIND_NAMES[last.kind], last.on)
  end
  ctx.because("%s,已满 %d 个月,进行年度回访:电话回访已入住 %d 户的 %s,即 %d 户 (3.7.5.2)",
    done, ANNUAL_INTERVAL_MONTHS, occupied, percent_text(ratio), size)
  if size < floor_size then
    size = floor_size
    ctx.because("回访户数不少于已入住户数的 %s,即 %d 户 (3.7.5.2)", percent_text(floor_points), size)
  end
  return "annual", ANNUAL_MODE, size
end

--- Codes of `size` households drawn by building; a trace line of how many from each building.
local function draw(households, size, kind, ctx)
  local drawn = ctx.sample(households, size, { strata = SAMPLE_STRATA })
  local codes, per_building, buildings = {}, {}, {}
  for i, household in ipairs(drawn) do
    codes[i] = household.code
    local building = household.building or ""
    if per_building[building] == nil then
      per_building[building] = 0
      buildings[#buildings + 1] = building
    end
    per_building[building] = per_building[building] + 1
  end
  table.sort(buildings, building_before)
  local parts = {}
  for i, building in ipairs(buildings) do
    parts[i] = string.format("%s %d 户", building_name(building), per_building[building])
  end
  if #parts > 0 then
    local clause = kind == "first" and "3.7.5.1" or "3.7.5.2"
    ctx.because("按楼栋入住户数比例抽取:%s (%s)", table.concat(parts, "、"), clause)
  end
  return codes
end

--- Owners severely dissatisfied in a visit since the last saved plan (of any kind: a saved plan records its
--- follow-ups), each once, by code; all the visits when no plan was saved.
local function follow_ups_of(results, plans, ctx)
  local last = plans[#plans]
  local from = last and last.on or nil
  local severe_dates, severe_codes, dissatisfied = {}, {}, 0
  for _, result in ipairs(results) do
    if (from == nil or result.visited_on >= from) and result.visited_on <= ctx.on then
      if result.rating == SEVERE_RATING then
        if severe_dates[result.household] == nil then
          severe_dates[result.household] = {}
          severe_codes[#severe_codes + 1] = result.household
        end
        table.insert(severe_dates[result.household], result.visited_on)
      elseif result.rating == DISSATISFIED_RATING then
        dissatisfied = dissatisfied + 1
      end
    end
  end
  table.sort(severe_codes)

  local since = from and string.format("自 %s 回访计划以来的回访中", from) or "历次回访中"
  local follow_ups = {}
  for i, code in ipairs(severe_codes) do
    follow_ups[i] = { household = code, with_manager = FOLLOW_UP_WITH_MANAGER }
    ctx.because("业主 %s 在 %s 的回访中严重不满意,须再回访,客户服务部经理参加 (3.7.5.9)",
      code, table.concat(severe_dates[code], "、"))
  end
  if dissatisfied > 0 then
    ctx.because("%s有 %d 次「不满意」评价,对不满意项集中的问题做专题调查 (3.7.5.9)",
      since, dissatisfied)
  end
  return follow_ups
end

return {
  name = "revisit",
  needs = {},
  outputs = {
    callback_due = "date?",
  },
  deadlines = { callback_due = "callback" },  -- 3.5.4: met by the phone callback
  output_names = { callback_due = "电话回访期限" },  -- what clerks read beside the output
  ---@param ticket Ticket
  ---@param ctx Ctx
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
    ctx.because("维修已于 %s 完工,资料员须在 %d 个工作日内电话回访客户,最迟 %s (3.5.4)",
      ticket.completed_on, CALLBACK_WORKDAYS, callback_due)
    return { callback_due = callback_due }
  end,

  -- The community's revisit plan on ctx.on (3.7.5): docs/rules.md, "Revisit plans".
  ---@param community Community
  ---@param ctx PlanCtx
  plan = function(community, ctx)
    local settings = ctx.settings or {}
    local households = ctx.households(community)
    local occupied = #households
    local total = community.households_total or 0

    -- Occupancy, in whole 0.01% for the decisions and as a number from 0 to 1 for the plan.
    local occupancy, percent
    if total > 0 then
      local counted = math.min(occupied, total)
      occupancy = counted / total
      percent = { points = counted * PER_WHOLE // total, whole = counted * 100 // total }
      ctx.because("已入住 %d 户,总户数 %d 户,入住率 %d%% (3.7.5)", occupied, total, percent.whole)
      if occupied > total then
        ctx.because("已入住户数 %d 多于总户数 %d,入住率按 100%% 计,请核对小区总户数 (3.7.5)",
          occupied, total)
      end
    else
      occupancy = 0.0
      percent = { points = 0, whole = 0 }
      ctx.because("小区总户数为 0(已入住 %d 户),入住率按 0%% 计 (3.7.5)", occupied)
    end

    local history = ctx.revisits(community)
    local plans = history.plans or {}
    local kind, mode, size = decide(occupied, percent, plans, settings, ctx)
    size = math.min(size, occupied)

    local codes = {}
    if size > 0 then
      codes = draw(households, size, kind, ctx)
    end

    return {
      kind = kind,
      mode = mode,
      occupancy = occupancy,
      sample_size = size,
      households = codes,
      follow_ups = follow_ups_of(history.results or {}, plans, ctx),
    }
  end,
}
