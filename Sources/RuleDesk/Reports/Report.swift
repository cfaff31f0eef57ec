/// A report as a script returned it and every format renders it: a title, the period and office it covers, and
/// sections of headline figures, tables and charts. The numbers are the script's; the host only renders them.
public struct Report: Sendable, Equatable {
    /// The script's name (`weekly`) and title (`客户服务周报`).
    public let name: String
    public let title: String
    public let parameters: ReportParameters
    /// The rule set's version the script came from.
    public let rulesVersion: String
    public let sections: [Section]
    /// The line that marks a report made from draft rules (`草稿 draft rules from …`), shown by every format; nil
    /// for the version in force.
    public var draft: String?

    /// One part of a report.
    public struct Section: Sendable, Equatable {
        /// A key unique in the report (`received_by_cause`), for programs and tests.
        public let id: String
        public let title: String
        public let content: Content
        /// A line under the section saying what it counts, or empty.
        public let note: String
    }

    public enum Content: Sendable, Equatable {
        /// Headline figures: label and value.
        case figures([(label: String, value: Value)])
        case table(columns: [String], rows: [[Value]])
        case chart(Chart)

        public static func == (a: Content, b: Content) -> Bool {
            switch (a, b) {
            case (.figures(let x), .figures(let y)):
                return x.map(\.label) == y.map(\.label) && x.map(\.value) == y.map(\.value)
            case (.table(let c1, let r1), .table(let c2, let r2)): return c1 == c2 && r1 == r2
            case (.chart(let x), .chart(let y)): return x == y
            default: return false
            }
        }
    }

    /// A chart as data: one label per point (a day, a department) and one or more series of values.
    public struct Chart: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable { case bar, line, pie }
        public let kind: Kind
        public let labels: [String]
        public let series: [(name: String, values: [Value])]

        public static func == (a: Chart, b: Chart) -> Bool {
            a.kind == b.kind && a.labels == b.labels && a.series.map(\.name) == b.series.map(\.name)
                && a.series.map(\.values) == b.series.map(\.values)
        }
    }

    /// A figure or a cell: text, a count, an amount, or a rate that says what it counts.
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        case number(Double)
        /// `numerator` of `denominator`; empty (no percentage) when the denominator is 0.
        case rate(numerator: Int64, denominator: Int64)

        /// The value as a number for charts: a rate as a percentage; nil for text and an empty rate.
        public var magnitude: Double? {
            switch self {
            case .text: return nil
            case .integer(let i): return Double(i)
            case .number(let d): return d
            case .rate(let n, let d): return d == 0 ? nil : Double(n) * 100 / Double(d)
            }
        }
    }
}

/// What a report covers: the dates (both included), how the period was given, and the office.
public struct ReportParameters: Sendable, Equatable {
    /// `week`, `quarter`, `year` or `range`.
    public let period: String
    /// `2026-W18`, `2026-Q2`, `2026`, or `2026-04-01..2026-04-30`.
    public let label: String
    public let from: LocalDate
    public let to: LocalDate
    /// The office, or nil for the whole company; "" is the default office.
    public let office: String?

    public init(period: String, label: String, from: LocalDate, to: LocalDate, office: String?) {
        self.period = period
        self.label = label
        self.from = from
        self.to = to
        self.office = office
    }
}
