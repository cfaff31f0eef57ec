import Foundation
import RuleDesk

/// Progress on stderr: a bar redrawn in place on a terminal, otherwise a log line every few seconds.
final class ProgressDisplay: @unchecked Sendable {
    /// Whether stderr is a terminal, where the bar is drawn.
    static var onTerminal: Bool { isatty(STDERR_FILENO) != 0 }
    private let terminal = ProgressDisplay.onTerminal
    /// What the log lines count: `batch: 10 of 20 tickets`.
    private let what: (command: String, unit: String)
    /// The language of the text beside the bar (log lines, for a job's log, are English).
    private let language: Language

    private var lastLine = Date()
    private var drawn = false
    static let logEvery: TimeInterval = 5

    init(command: String = "batch", unit: String = "tickets", language: Language = .en) {
        what = (command, unit)
        self.language = language
    }

    func show(_ progress: BatchProgress) {
        show(done: progress.done, total: progress.total, seconds: progress.seconds)
    }

    func show(done: Int, total: Int, seconds: Double) {
        let progress = (done: done, total: total, seconds: seconds)
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        let left = Int((rate > 0 ? Double(progress.total - progress.done) / rate : 0).rounded())
        if terminal {
            let width = 30
            let share = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
            let filled = Int(share * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = ProgressMessage.bar(done: progress.done, total: progress.total, perSecond: Int(rate.rounded()),
                                           secondsLeft: left).text(in: language)
            write("\r\(bar) \(text) ")
            drawn = true
        } else if Date().timeIntervalSince(lastLine) >= Self.logEvery {
            lastLine = Date()
            write(String(format: "%@: %d of %d %@, %.0f/s, about %@ left\n", what.command, progress.done, progress.total,
                         what.unit, rate, ProgressMessage.duration(left, in: .en)))
        }
    }

    func finish() {
        if drawn { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
