/// The Chinese names a header may give each column, per kind: the one table of them (README, "Chinese headers").
/// A header is matched after trimming and full-width folding; English names match in any case.
enum ColumnAliases {
    static let table: [ImportKind: [String: [String]]] = [
        .communities: [
            "code": ["小区编码", "小区代码", "编码"],
            "name": ["小区名称", "名称"],
            "completion_date": ["竣工日期", "竣工验收日期"],
            "handover_date": ["交付日期", "交房日期"],
            "households_total": ["总户数"],
            "office": ["客服处", "客户服务处", "所属客服处"],
        ],
        .households: [
            "code": ["户号", "房屋编码"],
            "community": ["小区", "小区编码"],
            "building": ["楼栋", "楼号", "栋"],
            "unit": ["单元"],
            "room": ["房号", "室号"],
            "owner": ["业主", "业主姓名"],
            "phone": ["电话", "联系电话", "手机", "手机号"],
            "moved_in_on": ["入住日期"],
        ],
        .contractors: [
            "code": ["单位编码", "编码"],
            "name": ["施工单位", "单位名称", "名称"],
            "deposit": ["保证金", "质保金"],
        ],
        .tickets: [
            "number": ["工单号", "工单编号", "编号"],
            "received_at": ["登记时间", "受理时间", "报修时间"],
            "channel": ["渠道", "来源"],
            "community": ["小区", "小区编码"],
            "household": ["户号", "房屋编码"],
            "cause": ["原因", "投诉原因"],
            "kind": ["类型", "工单类型"],
            "component": ["部位", "维修部位"],
            "trades": ["工种"],
            "complex": ["复杂", "是否复杂"],
            "estimated_cost": ["预估费用", "预计费用"],
            "households_affected": ["影响户数", "涉及户数"],
            "hazard": ["安全隐患", "是否有安全隐患"],
            "media": ["媒体介入", "是否媒体介入"],
            "survey_date": ["勘察日期", "勘查日期"],
            "completed_at": ["完工时间", "完成时间"],
            "description": ["描述", "内容", "投诉内容"],
        ],
        .calendar: [
            "date": ["日期"],
            "kind": ["类型"],
            "name": ["名称", "节日"],
        ],
        .revisits: [
            "community": ["小区", "小区编码"],
            "household": ["户号", "房屋编码"],
            "visited_on": ["回访日期"],
            "mode": ["方式", "回访方式"],
            "rating": ["评价", "满意度"],
            "notes": ["备注"],
        ],
        .events: [
            "number": ["工单号", "工单编号", "统一编号"],
            "event": ["事项", "事件"],
            "at": ["日期", "时间", "发生时间"],
            "until": ["同意延至", "延期至"],
            "cost": ["结算金额", "维修费用", "金额"],
            "rating": ["评价", "满意度"],
            "by": ["登记人", "经办人"],
            "note": ["备注", "说明"],
        ],
    ]

    /// The column `header` names in `kind`'s files, or nil when it is none of them.
    static func column(_ header: String, of kind: ImportKind) -> String? {
        let name = HalfWidth.folded(header).trimmingCharacters(in: .whitespaces)
        if kind.columns.contains(name.lowercased()) { return name.lowercased() }
        return table[kind]?.first(where: { $0.value.contains(name) })?.key
    }
}
