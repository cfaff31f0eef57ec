-- rules/approval.lua — who signs a repair's cost before work starts, and who audits its settlement.
-- POLICY.md section 3: clauses 3.6.1, 3.5.6, 3.4.5 and 2.7 of 房地产公司客户服务管理程序.
--
-- Boundaries follow 民法典 第1259条: "以上、以下、以内" include the number itself, "超过、不满" do not.
-- So 1,000 exactly is tier 1, 10,000 exactly is tier 2, 500 exactly needs no contractor at the survey,
-- and 20,000 exactly goes to 审计核算部.

local money = require("money")
local actors = require("actors")
local yuan, names_of = money.yuan, actors.names_of

local REPAIR = "repair"                 -- ticket kind of a repair (维修工程)

local TIER1_UP_TO = 1000                -- 3.6.1: 1000元以内 (1,000 included) → 客户服务部经理 approves
local TIER2_UP_TO = 10000               -- 3.6.1: 1000元到1万元内 (10,000 included) → review and approval
                                        -- 3.6.1: 超过1万元 → 总经理 approves (tier 3)
local SETTLEMENT_AUDIT_FROM = 20000     -- 3.5.6, 2.7: 2万元以上 (20,000 included) → 审计核算部 audits
local CONTRACTOR_ABSENT_UP_TO = 500     -- 3.4.5: 500元以下 (500 included), the contractor need not attend
local CONTRACTOR = "contractor"         -- 3.4.5: 施工单位, the original builder

-- Who signs at each tier (3.6.1).
local TIERS = {
  [1] = { reviewers = {}, approvers = { "cs_manager" } },                         -- 3.6.1: 客户服务部经理审批
  [2] = { reviewers = { "deputy_chief_engineer" }, approvers = { "deputy_gm" } }, -- 3.6.1: 副总工程师审核,副总经理批准
  [3] = { reviewers = {}, approvers = { "gm" } },                                 -- 3.6.1: 报总经理审批
}
local SETTLEMENT_AUDITOR_SMALL = "cs"   -- 3.5.6: 客户服务部 audits settlements under 20,000
local SETTLEMENT_AUDITOR_LARGE = "audit" -- 3.5.6, 2.7: 审计核算部 audits 20,000 and over

--- The approval tier of a repair's estimated cost (3.6.1).
local function tier_of(cost)
  if cost <= TIER1_UP_TO then
    return 1
  elseif cost <= TIER2_UP_TO then
    return 2
  end
  return 3
end

return {
  name = "approval",
  needs = {},
  outputs = {
    tier = "integer",
    reviewers = "string[]",
    approvers = "string[]",
    settlement_auditor = "string?",
    contractor_at_survey = "boolean",
  },
  record = { tier = "tier" },             -- copied onto the ticket's `tier` column by the batch
  output_names = {                        -- what clerks read beside each output
    tier = "审批级别", reviewers = "审核人", approvers = "审批人", settlement_auditor = "结算审核",
    contractor_at_survey = "施工单位到场勘察",
  },
  ---@param ticket Ticket
  ---@param ctx Ctx
  evaluate = function(ticket, ctx)
    if ticket.kind ~= REPAIR then
      ctx.because("非维修类投诉,无需维修款审批、结算审核或%s到场 (3.6.1)",
        names_of({ CONTRACTOR }))
      return { tier = 0, reviewers = {}, approvers = {}, settlement_auditor = nil, contractor_at_survey = false }
    end

    local cost = ticket.estimated_cost
    if cost == nil then
      cost = 0
      ctx.because("未填预估维修费用,暂按 0 元处理;填写费用后请重新评估 (3.6.1)")
    end
    local amount = yuan(cost)

    -- Who approves the cost before work starts (3.6.1).
    local tier = tier_of(cost)
    local signers = TIERS[tier]
    if tier == 1 then
      ctx.because("单项维修款 %s 元 ≤ %s 元,由%s审批 (3.6.1)",
        amount, yuan(TIER1_UP_TO), names_of(signers.approvers))
    elseif tier == 2 then
      ctx.because("单项维修款 %s 元 > %s 元且 ≤ %s 元,由%s审核、%s批准 (3.6.1)",
        amount, yuan(TIER1_UP_TO), yuan(TIER2_UP_TO), names_of(signers.reviewers), names_of(signers.approvers))
    else
      ctx.because("单项维修款 %s 元 > %s 元,报%s审批 (3.6.1)",
        amount, yuan(TIER2_UP_TO), names_of(signers.approvers))
    end

    -- Who audits the settlement (3.5.6, 2.7): by the final cost once the repair is finished, else the estimate.
    local settled, settled_what = cost, "维修费用"
    if ticket.final_cost ~= nil then
      settled, settled_what = ticket.final_cost, "结算维修费用"
    end
    local settled_amount = yuan(settled)
    local settlement_auditor
    if settled < SETTLEMENT_AUDIT_FROM then
      settlement_auditor = SETTLEMENT_AUDITOR_SMALL
      ctx.because("%s %s 元 < %s 元,结算由%s审核 (3.5.6)",
        settled_what, settled_amount, yuan(SETTLEMENT_AUDIT_FROM), names_of({ settlement_auditor }))
    else
      settlement_auditor = SETTLEMENT_AUDITOR_LARGE
      ctx.because("%s %s 元 ≥ %s 元,结算交%s审核 (3.5.6, 2.7)",
        settled_what, settled_amount, yuan(SETTLEMENT_AUDIT_FROM), names_of({ settlement_auditor }))
    end

    -- Does the contractor attend the site survey (3.4.5)?
    local contractor_at_survey = cost > CONTRACTOR_ABSENT_UP_TO
    if contractor_at_survey then
      ctx.because("维修款 %s 元 > %s 元,%s须到场勘察 (3.4.5)",
        amount, yuan(CONTRACTOR_ABSENT_UP_TO), names_of({ CONTRACTOR }))
    else
      ctx.because("维修款 %s 元 ≤ %s 元,%s无须到场勘察 (3.4.5)",
        amount, yuan(CONTRACTOR_ABSENT_UP_TO), names_of({ CONTRACTOR }))
    end

    return {
      tier = tier,
      reviewers = signers.reviewers,
      approvers = signers.approvers,
      settlement_auditor = settlement_auditor,
      contractor_at_survey = contractor_at_survey,
    }
  end,
}
