extension Language {
    /// A date as a clerk reads it: `2026-05-14`, or `2026年5月14日` in Chinese.
    public func date(_ date: LocalDate) -> String {
        switch self {
        case .en: date.description
        case .zh: "\(date.year)年\(date.month)月\(date.day)日"
        }
    }
}
