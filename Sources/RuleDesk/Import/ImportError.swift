/// A rejected import: `FILE:LINE: column: what is wrong; what to do`, in English or Chinese. Nothing was written.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: String?
    /// What is wrong and what to do.
    public let problem: ImportMessage

    public init(file: String, line: Int?, column: String?, problem: ImportMessage) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// What is wrong and what to do, in English.
    public var message: String { problem.text(in: .en) }

    /// The whole line in `language`: `FILE:LINE: column: problem`.
    public func text(in language: Language) -> String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "\(column): " }
        return text + problem.text(in: language)
    }

    public var description: String { text(in: .en) }
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
    public func lines(in language: Language = .en) -> [String] {
        errors.map { $0.text(in: language) }
            + (total > errors.count ? ["\(file): " + ImportMessage.moreBadRows(total - errors.count).text(in: language)] : [])
    }

    /// The bad rows, then what became of the file: `FILE: 3 bad rows; nothing was imported…`, `(dry run)` after it
    /// when nothing was to be written anyway.
    public func summary(in language: Language = .en, dryRun: Bool = false) -> String {
        "\(file): " + ImportMessage.nothingImported(badRows: total, dryRun: dryRun).text(in: language)
    }

    public var description: String { (lines() + [summary()]).joined(separator: "\n") }
}
