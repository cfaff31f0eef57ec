import CEditLine
import Foundation

/// Line editing through libedit: arrows, Ctrl-R, history kept in a file, Tab completion from a callback, in the
/// terminal's UTF-8 locale (``TerminalLocale``) so that Chinese can be typed and edited.
final class LineReader {
    enum Event: Equatable {
        case line(String)
        /// Ctrl-C while typing: the line is dropped.
        case interrupted
        /// Ctrl-D on an empty line.
        case end
    }

    private let historyPath: String?

    /// Why Chinese cannot be typed on this terminal (its locale is not UTF-8), or nil.
    let localeWarning: String?

    /// `complete(word, line)` gives the words that may replace `word`, the word before the cursor. A read ends
    /// as interrupted once `interrupts` (a descriptor Ctrl-C makes readable) can be read.
    init(historyPath: String?, interrupts: Int32, complete: @escaping (String, String) -> [String]) {
        self.historyPath = historyPath
        // Before libedit starts: it reads the locale once, when it sets itself up.
        localeWarning = TerminalLocale.adopt()
        Completion.provider = complete
        rd_editline_setup({ text, state in Completion.next(text, state) }, interrupts)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// Reads one line after `prompt`. `interrupted()` says whether Ctrl-C arrived during the read.
    func read(prompt: String, interrupted: () -> Bool) -> Event {
        guard let pointer = readline(prompt) else { return interrupted() ? .interrupted : .end }
        defer { free(pointer) }
        return .line(String(cString: pointer))
    }

    /// Keeps a line in the history and the history file.
    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }
}

/// The state libedit's C callbacks reach (they carry no context).
private enum Completion {
    nonisolated(unsafe) static var provider: ((String, String) -> [String])?
    nonisolated(unsafe) static var candidates: [String] = []

    static func next(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
        if state == 0 {
            let word = text.map { String(cString: $0) } ?? ""
            let before = rd_line_before_cursor()
            let line = before.map { String(cString: $0) } ?? ""
            free(before)
            candidates = provider?(word, line) ?? []
        }
        guard Int(state) < candidates.count else { return nil }
        return strdup(candidates[Int(state)])
    }
}
