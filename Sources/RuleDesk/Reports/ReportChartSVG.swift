import Foundation

/// A report's chart as inline SVG: bars, lines with points, or a pie, with axes, labels and a legend, readable
/// without scripts. Each bar, point and slice carries `data-label` and `data-value`, so that a browser test can
/// count them and read what they show.
enum ReportChartSVG {
    static let width = 680.0, height = 280.0
    static let palette = ["#2f6db5", "#e07b39", "#3a9a5b", "#b8434f", "#7a5bb0", "#8c7a4a", "#3aa0a8", "#c9a227"]
    private static let left = 56.0, right = 16.0, top = 34.0, bottom = 56.0

    static func svg(_ chart: Report.Chart, title: String) -> String {
        var out = "<svg class=\"chart \(chart.kind.rawValue)\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        switch chart.kind {
        case .pie: out += pie(chart)
        case .bar, .line: out += axes(chart)
        }
        return out + "</svg>"
    }

    /// Numbers in SVG: one decimal at most, the same bytes on every machine.
    static func n(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// A round top for the value axis, whose quarters (the grid lines) are round too: 1, 2, 4 or 8 times a power of
    /// ten, at least 4 for counts; 100 for percentages of rates.
    static func scaleTop(_ maximum: Double, rates: Bool, counts: Bool) -> Double {
        if rates { return 100 }
        guard maximum > 0 else { return counts ? 4 : 1 }
        let power = pow(10, floor(log10(maximum)))
        let top = [1.0, 2, 4, 8, 10].map { $0 * power }.first { $0 >= maximum } ?? maximum
        return counts ? max(top, 4) : top
    }

    private static func axes(_ chart: Report.Chart) -> String {
        let rates = chart.series.allSatisfy { $0.values.allSatisfy { if case .rate = $0 { return true } else { return false } } }
        let counts = chart.series.allSatisfy { $0.values.allSatisfy { if case .integer = $0 { return true } else { return false } } }
        let top = scaleTop(chart.series.flatMap { $0.values.compactMap(\.magnitude) }.max() ?? 0, rates: rates, counts: counts)
        let plotWidth = width - left - right, plotHeight = height - self.top - bottom
        let count = max(chart.labels.count, 1)
        let step = plotWidth / Double(count)
        func y(_ value: Double) -> Double { self.top + plotHeight * (1 - value / top) }
        var out = ""
        for tick in 0...4 {
            let value = top * Double(tick) / 4
            out += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(value)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(value)))\"/>"
            let label = rates ? n(value) + "%" : Report.Value.number(value).plain
            out += "<text class=\"tick\" x=\"\(n(left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">\(label)</text>"
        }
        let labelEvery = max(1, Int((Double(count) / 16).rounded(.up)))
        for (index, label) in chart.labels.enumerated() where index % labelEvery == 0 {
            let x = left + step * (Double(index) + 0.5)
            out += "<text class=\"label\" x=\"\(n(x))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"end\" transform=\"rotate(-35 \(n(x)) \(n(height - bottom + 16)))\">\(HTMLText.escape(label))</text>"
        }
        if chart.kind == .bar {
            let groupWidth = step * 0.8, barWidth = groupWidth / Double(chart.series.count)
            for (s, series) in chart.series.enumerated() {
                for (index, value) in series.values.enumerated() {
                    let x = left + step * Double(index) + step * 0.1 + barWidth * Double(s)
                    let data = "data-series=\"\(HTMLText.escape(series.name))\" data-label=\"\(HTMLText.escape(chart.labels[index]))\" data-value=\"\(HTMLText.escape(value.display))\""
                    guard let magnitude = value.magnitude else {
                        out += "<text class=\"empty\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(y(0) - 4))\" text-anchor=\"middle\" \(data)>—</text>"
                        continue
                    }
                    out += "<rect class=\"bar\" \(data) x=\"\(n(x))\" y=\"\(n(y(magnitude)))\" width=\"\(n(max(barWidth - 2, 1)))\" height=\"\(n(y(0) - y(magnitude)))\" fill=\"\(color(s))\"><title>\(HTMLText.escape(chart.labels[index] + " " + series.name + ": " + value.display))</title></rect>"
                    if count <= 16 {
                        out += "<text class=\"value\" x=\"\(n(x + barWidth / 2 - 1))\" y=\"\(n(y(magnitude) - 4))\" text-anchor=\"middle\">\(HTMLText.escape(rates ? Report.Value.percent(magnitude) : value.plain))</text>"
                    }
                }
            }
        } else {
            for (s, series) in chart.series.enumerated() {
                let points = series.values.enumerated().compactMap { index, value in
                    value.magnitude.map { (index, left + step * (Double(index) + 0.5), y($0), value) }
                }
                // One line per run of consecutive points: an empty value (a rate with nothing due) is a gap.
                var runs: [[(Int, Double, Double, Report.Value)]] = []
                for point in points {
                    if let last = runs.last?.last, last.0 == point.0 - 1 { runs[runs.count - 1].append(point) } else { runs.append([point]) }
                }
                for run in runs where run.count > 1 {
                    out += "<polyline class=\"line\" data-series=\"\(HTMLText.escape(series.name))\" fill=\"none\" stroke=\"\(color(s))\" stroke-width=\"2\" points=\"\(run.map { "\(n($0.1)),\(n($0.2))" }.joined(separator: " "))\"/>"
                }
                for point in points {
                    out += "<circle class=\"point\" data-series=\"\(HTMLText.escape(series.name))\" data-label=\"\(HTMLText.escape(chart.labels[point.0]))\" data-value=\"\(HTMLText.escape(point.3.display))\" cx=\"\(n(point.1))\" cy=\"\(n(point.2))\" r=\"3\" fill=\"\(color(s))\"><title>\(HTMLText.escape(chart.labels[point.0] + " " + series.name + ": " + point.3.display))</title></circle>"
                }
            }
        }
        out += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(y(0)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(0)))\"/>"
        return out + legend(chart.series.map(\.name), y: 14)
    }

    private static func legend(_ names: [String], y: Double) -> String {
        var out = "", x = left
        for (index, name) in names.enumerated() {
            out += "<rect class=\"key\" x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(color(index))\"/>"
            out += "<text class=\"legend\" x=\"\(n(x + 14))\" y=\"\(n(y))\">\(HTMLText.escape(name))</text>"
            x += 24 + Double(DisplayWidth.of(name)) * 7
        }
        return out
    }

    private static func pie(_ chart: Report.Chart) -> String {
        let values = chart.series[0].values.map { max($0.magnitude ?? 0, 0) }
        let total = values.reduce(0, +)
        let cx = 140.0, cy = height / 2, r = 110.0
        var out = "", angle = -Double.pi / 2
        guard total > 0 else {
            return "<circle class=\"empty\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"#eee\"/><text class=\"tick\" x=\"\(n(cx))\" y=\"\(n(cy))\" text-anchor=\"middle\">无数据</text>"
        }
        for (index, value) in values.enumerated() where value > 0 {
            let label = chart.labels[index], display = chart.series[0].values[index].display
            let data = "data-label=\"\(HTMLText.escape(label))\" data-value=\"\(HTMLText.escape(display))\""
            let share = value / total
            if share >= 0.9999 {
                out += "<circle class=\"slice\" \(data) cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(color(index))\"/>"
            } else {
                let end = angle + share * 2 * .pi
                let large = share > 0.5 ? 1 : 0
                out += "<path class=\"slice\" \(data) d=\"M\(n(cx)),\(n(cy)) L\(n(cx + r * cos(angle))),\(n(cy + r * sin(angle))) A\(n(r)),\(n(r)) 0 \(large) 1 \(n(cx + r * cos(end))),\(n(cy + r * sin(end))) Z\" fill=\"\(color(index))\"><title>\(HTMLText.escape(label + ": " + display))</title></path>"
                angle = end
            }
        }
        for (index, label) in chart.labels.enumerated() {
            let y = 30 + Double(index) * 20
            let share = values[index] / total * 100
            out += "<rect class=\"key\" x=\"290\" y=\"\(n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(color(index))\"/>"
            out += "<text class=\"legend\" x=\"308\" y=\"\(n(y))\">\(HTMLText.escape(label)) \(HTMLText.escape(chart.series[0].values[index].display)) (\(Report.Value.percent(share)))</text>"
        }
        return out
    }
}

/// Text safe inside HTML and SVG elements and attributes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
