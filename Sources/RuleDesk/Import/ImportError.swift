/// A rejected import: `FILE:LINE: column: what is wrong; what to do`. Nothing was written.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: String?
    public let message: String

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "\(column): " }
        return text + message
    }
}

/// Every bad row of a file, found by checking all of it: the first ``limit`` of them in line order, and how many
/// there are in all. Nothing was written.
public struct ImportFailure: Error, CustomStringConvertible {
    /// The most rows listed; the rest are counted.
    public static let limit = 50

    public let file: String
    /// The first bad rows, at most ``limit``, in line order.
    public let errors: [ImportError]
    /// How many rows are bad in all.
    public let total: Int

    init(file: String, errors: [ImportError]) {
        self.file = file
        let sorted = errors.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        self.errors = sorted.prefix(Self.limit).map(\.element)
        total = errors.count
    }

    /// One line per bad row listed, then `and N more bad rows` when there are more.
    public var lines: [String] {
        errors.map(\.description) + (total > errors.count ? ["\(file): and \(total - errors.count) more bad rows"] : [])
    }

    /// The bad rows, then what became of the file: `FILE: 3 bad rows; nothing was imported`.
    public var summary: String {
        "\(file): \(total) bad row\(total == 1 ? "" : "s"); nothing was imported, correct \(total == 1 ? "it" : "them") and import the file again"
    }

    public var description: String { (lines + [summary]).joined(separator: "\n") }
}
