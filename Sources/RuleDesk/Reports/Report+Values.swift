import Foundation

extension Report.Value {
    /// The value as people read it: `12`, `1200.50`, `75% (3/4)`; an empty rate as `—` (nothing fell due).
    public var display: String {
        switch self {
        case .rate(_, let denominator) where denominator == 0: return "—"
        case .rate(let n, let d): return "\(Self.percent(Double(n) * 100 / Double(d))) (\(n)/\(d))"
        default: return plain
        }
    }

    /// The value in a CSV cell: as ``display``, but an empty rate is an empty cell.
    public var cell: String {
        if case .rate(_, 0) = self { return "" }
        return display
    }

    /// Text as it is, a count, an amount with two decimals where it has a fraction.
    var plain: String {
        switch self {
        case .text(let text): return text
        case .integer(let i): return String(i)
        case .number(let d): return d.rounded() == d ? String(format: "%.0f", d) : String(format: "%.2f", d)
        case .rate: return display
        }
    }

    /// `75%`, `66.7%`: one decimal, none when it is whole.
    static func percent(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }
}

extension Report {
    /// The heading line: title, period with its dates, office.
    public var heading: String {
        "\(title) · \(parameters.label) (\(parameters.from) – \(parameters.to)) · \(officeName)"
    }

    /// The office as a heading names it: 全公司 for the company, 默认客服处 for the default office.
    public var officeName: String {
        guard let office = parameters.office else { return "全公司" }
        return office.isEmpty ? "默认客服处" : office
    }

    /// A chart as a table: the labels down, one column per series.
    static func rows(of chart: Chart) -> (columns: [String], rows: [[Value]]) {
        ([""] + chart.series.map(\.name),
         chart.labels.indices.map { index in [.text(chart.labels[index])] + chart.series.map { $0.values[index] } })
    }
}
