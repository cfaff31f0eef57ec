-- rules/lib/causes.lua — the causes of a complaint (投诉原因): each one's Chinese name, the department that
-- answers for it and the clause that says so. POLICY.md section 1 (2.2–2.7, 3.4.1). The rules assign by it;
-- the reports name causes by it.

local causes = {}

-- Cause of a complaint → responsible department, with the cause's Chinese name and the clause.
causes.CAUSES = {
  design       = { name = "设计",          department = "design",      clause = "2.4" },
  construction = { name = "施工质量",       department = "engineering", clause = "2.5" },
  sales        = { name = "销售",          department = "sales",       clause = "2.3" },
  contract     = { name = "合同",          department = "sales",       clause = "2.3" },
  presale      = { name = "售前",          department = "sales",       clause = "2.3" },
  insale       = { name = "售中",          department = "sales",       clause = "2.3" },
  payment      = { name = "付款",          department = "finance",     clause = "2.6" },
  refund       = { name = "退款",          department = "finance",     clause = "2.6" },
  invoice      = { name = "发票",          department = "finance",     clause = "2.6" },
  property     = { name = "物业管理",       department = "property",    clause = "3.4.1" },
  legal        = { name = "法律纠纷",       department = "legal",       clause = "2.1.3" },
  warranty     = { name = "保修期内维修",    department = "cs",          clause = "2.2.2" },
  other        = { name = "其他",          department = "cs",          clause = "2.2" },
}
-- Other spellings of the same causes, as other registers write them.
causes.ALIASES = {
  construction_quality = "construction", quality = "construction",
  pre_sale = "presale", in_sale = "insale",
  property_management = "property",
  legal_dispute = "legal",
  repair = "warranty", warranty_repair = "warranty",
}
for alias, cause in pairs(causes.ALIASES) do
  causes.CAUSES[alias] = causes.CAUSES[cause]
end

return causes
