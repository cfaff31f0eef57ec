-- rules/lib/actors.lua — the actors of the procedure (部门 and roles) and their Chinese names.
-- POLICY.md, "Actors". This is the one full list; rules name actors by these keys.

local actors = {}

--- Key → Chinese name.
actors.NAMES = {
  gm = "总经理",                                  -- 2.1, 3.4.7
  deputy_gm = "副总经理",                          -- 2.1.2, 3.6.1
  deputy_chief_engineer = "分管工程质量的副总工程师", -- 2.1.4, 3.5.8
  cs = "客户服务部",                               -- 2.2
  cs_office = "客户服务处",                         -- 3.4.3, 3.4.4
  cs_manager = "客户服务部经理",                     -- 3.6.1
  sales = "经营销售部",                             -- 2.3
  design = "设计研发部",                            -- 2.4
  engineering = "工程材料部",                       -- 2.5
  finance = "财务计统部",                           -- 2.6
  audit = "审计核算部",                             -- 2.7
  hr = "人力资源部",                                -- 2.8
  legal = "法律事务中心",                           -- 2.1.3
  property = "物业公司",                            -- 3.4.1
  repair_team = "客户服务维修队",                    -- 3.5
  contractor = "施工单位",                          -- 3.4.5, 3.4.6
}

--- Chinese names of a list of actor keys, joined with 、 (a key without a name as it is).
function actors.names_of(keys)
  local names = {}
  for i, key in ipairs(keys) do
    names[i] = actors.NAMES[key] or key
  end
  return table.concat(names, "、")
end

return actors
