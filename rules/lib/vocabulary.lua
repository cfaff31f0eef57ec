-- rules/lib/vocabulary.lua — the values a ticket's fields may take: each value's key, its Chinese name, and other
-- spellings that mean the same. The host reads `vocabulary.fields` (docs/rules.md, "The vocabulary"): `import`, the
-- console's case{} and `eval` refuse any other value, naming the nearest ones, and store a Chinese name or another
-- spelling as its key; `ruledesk check` flags a rule that compares a field with a value not listed here; `ruledesk
-- types` gives editors the keys. Rules and reports name values through lib/vocabulary_names.lua.
--
-- This file holds data only (no functions): the host then runs it once for the whole run instead of once per
-- decision (docs/sandbox.md, "Modules of data, kept").
--
-- To allow a new value, add a line to its field; a new spelling goes into the value's `also`.

local vocabulary = {}

vocabulary.fields = {
  -- How the complaint reached the company (3.4.1–3.4.4).
  channel = {
    name = "受理渠道",
    values = {
      { key = "cs",        name = "客户服务部", also = { "客服部" } },
      { key = "cs_office", name = "客户服务处", also = { "客服处" } },
      { key = "sales",     name = "经营销售部", also = { "销售部" } },
      { key = "property",  name = "物业公司",   also = { "物业" } },
      { key = "hotline",   name = "服务热线",   also = { "热线", "客服热线" } },
    },
  },
  -- What the complaint is about; rules/assignment.lua names the department responsible for each (2.2–2.7).
  cause = {
    name = "投诉原因",
    values = {
      { key = "design",       name = "设计" },
      { key = "construction", name = "施工质量",     also = { "construction_quality", "quality", "工程质量" } },
      { key = "sales",        name = "销售" },
      { key = "contract",     name = "合同" },
      { key = "presale",      name = "售前",         also = { "pre_sale" } },
      { key = "insale",       name = "售中",         also = { "in_sale" } },
      { key = "payment",      name = "付款" },
      { key = "refund",       name = "退款" },
      { key = "invoice",      name = "发票" },
      { key = "property",     name = "物业管理",     also = { "property_management" } },
      { key = "legal",        name = "法律纠纷",     also = { "legal_dispute" } },
      { key = "warranty",     name = "保修期内维修", also = { "repair", "warranty_repair", "保修" } },
      { key = "other",        name = "其他" },
    },
  },
  -- A repair (维修工程: survey, repair deadline, work order, class) or any other complaint (3.4.5, 3.5.1).
  kind = {
    name = "工单类别",
    values = {
      { key = "repair",    name = "维修", also = { "报修", "维修工程" } },
      { key = "complaint", name = "投诉" },
    },
  },
  -- The part of the building a repair is about; rules/warranty.lua gives each listed in 第四十条 its warranty period.
  component = {
    name = "维修部位",
    values = {
      { key = "foundation",             name = "地基基础" },
      { key = "structure",              name = "主体结构" },
      { key = "roof_waterproofing",     name = "屋面防水" },
      { key = "bathroom_waterproofing", name = "卫生间防水" },
      { key = "room_waterproofing",     name = "有防水要求的房间" },
      { key = "exterior_wall_leak",     name = "外墙面防渗漏", also = { "外墙渗漏" } },
      { key = "heating",                name = "供热系统",     also = { "供暖", "暖气" } },
      { key = "cooling",                name = "供冷系统",     also = { "空调" } },
      { key = "electrical",             name = "电气管线",     also = { "电路" } },
      { key = "plumbing",               name = "给排水管道",   also = { "水管" } },
      { key = "equipment",              name = "设备安装" },
      { key = "decoration",             name = "装修工程",     also = { "装修" } },
      { key = "elevator_cabin",         name = "电梯轿厢" },
      { key = "garden",                 name = "园林绿化" },
    },
  },
  -- The trades a repair needs; two or more different trades make it 多工种 (3.4.5).
  trades = {
    name = "工种",
    values = {
      { key = "plumbing",      name = "给排水", also = { "水工" } },
      { key = "electrical",    name = "电气",   also = { "电工" } },
      { key = "waterproofing", name = "防水" },
      { key = "tiling",        name = "贴砖",   also = { "瓷砖" } },
      { key = "painting",      name = "油漆",   also = { "油工" } },
      { key = "carpentry",     name = "木工" },
      { key = "masonry",       name = "砌筑",   also = { "瓦工" } },
      { key = "plastering",    name = "抹灰" },
      { key = "hvac",          name = "暖通" },
      { key = "metalwork",     name = "金属构件", also = { "钣金" } },
    },
  },
}

-- key → Chinese name, per field: what lib/vocabulary_names.lua looks names up in.
vocabulary.names = {}
for field, entry in pairs(vocabulary.fields) do
  vocabulary.names[field] = {}
  for _, value in ipairs(entry.values) do
    vocabulary.names[field][value.key] = value.name
  end
end

return vocabulary
