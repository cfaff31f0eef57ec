/// What a progress bar says beside the bar while a long command runs: `500/1000  5000/s  3s left`.
public enum ProgressMessage: ClerkMessage, Equatable {
    /// Done of total, how many a second, and the seconds still to go at that speed.
    case bar(done: Int, total: Int, perSecond: Int, secondsLeft: Int)

    public var texts: Bilingual {
        switch self {
        case .bar(let done, let total, let perSecond, let left):
            Bilingual(en: "\(done)/\(total)  \(perSecond)/s  \(Self.duration(left, in: .en)) left",
                      zh: "\(done)/\(total)  每秒 \(perSecond)  还需 \(Self.duration(left, in: .zh))")
        }
    }

    /// 125 seconds as `2m5s`, or `2分5秒` in Chinese.
    public static func duration(_ seconds: Int, in language: Language) -> String {
        let (minutes, rest) = (seconds / 60, seconds % 60)
        switch language {
        case .en: return minutes > 0 ? "\(minutes)m\(rest)s" : "\(rest)s"
        case .zh: return minutes > 0 ? "\(minutes)分\(rest)秒" : "\(rest)秒"
        }
    }

    public static let examples: [ProgressMessage] = [
        .bar(done: 500, total: 1000, perSecond: 5000, secondsLeft: 3), .bar(done: 1, total: 900, perSecond: 1, secondsLeft: 899),
    ]
}
