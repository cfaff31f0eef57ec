import CTerminalTesting
import Foundation

/// The binary on a pseudo-terminal of its own, as a clerk runs it: it is a session leader whose controlling
/// terminal is the PTY, so Ctrl-C sent as a key becomes SIGINT. Waits are on what the program writes, with
/// timeouts long enough for a loaded machine.
final class Terminal {
    private let master: Int32
    /// The program's process.
    let pid: pid_t
    /// Every byte the program wrote so far.
    private var bytes: [UInt8] = []

    init(_ arguments: [String], in folder: String, environment: [String: String]) throws {
        var name = [CChar](repeating: 0, count: 256)
        master = rd_pty_open(&name, name.count)
        guard master >= 0 else { throw CocoaError(.fileNoSuchFile) }
        let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        pid = rd_pty_spawn(Binary.path, argv, envp, name, folder)
        guard pid > 0 else {
            close(master)
            throw CocoaError(.executableNotLoadable)
        }
    }

    /// The environment a clerk's terminal has, with HOME in `home`.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env = ["HOME": home, "TERM": "xterm", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "LANG": "C.UTF-8"]
        env.merge(extra) { _, new in new }
        return env
    }

    /// Everything the program wrote so far, as text.
    var screen: String {
        drain()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What the terminal shows now: the cells and the cursor after every byte written so far.
    var display: TerminalScreen {
        drain()
        return TerminalScreen(String(decoding: bytes, as: UTF8.self))
    }

    /// Sends `text` at once, as a paste, once the console reads keys (libedit has put the terminal in raw
    /// mode; before that the terminal itself would echo what is typed and take Ctrl-R and Ctrl-U).
    func type(_ text: String, timeout: TimeInterval = 60) throws {
        try awaitRawMode(until: Date().addingTimeInterval(timeout))
        send(text)
    }

    /// Types `text` as a clerk does: one character at a time (the bytes of each together), waiting for each to
    /// be echoed before the next.
    func typeByHand(_ text: String, timeout: TimeInterval = 60) throws {
        for character in text {
            let start = mark
            try type(String(character), timeout: timeout)
            try expect(String(character), after: start, timeout: timeout)
        }
    }

    /// Ctrl-A, Tab, Backspace… as the keyboard sends them, once the console reads keys.
    func key(_ byte: UInt8) throws { try type(String(UnicodeScalar(byte))) }

    /// Sends `text` now, whatever the program is doing (Ctrl-C while a chunk runs).
    func send(_ text: String) {
        let data = Array(text.utf8)
        _ = data.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the terminal is in raw mode (no line discipline), as libedit sets it while it reads a line.
    private func awaitRawMode(until deadline: Date) throws {
        var settings = termios()
        while tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0 {
            guard Date() < deadline else { throw TerminalTimeout(waitingFor: "the console to read keys", screen: screen) }
            usleep(2_000)   // a terminal's mode has no event to wait on
        }
    }

    /// Waits until the program's output after the byte offset `start` (default: all of it) contains `text`;
    /// returns that output.
    @discardableResult
    func expect(_ text: String, after start: Int = 0, timeout: TimeInterval = 60) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            drain()
            let output = String(decoding: bytes[min(start, bytes.count)...], as: UTF8.self)
            if output.contains(text) { return output }
            guard Date() < deadline else { throw TerminalTimeout(waitingFor: text.debugDescription, screen: screen) }
            awaitOutput(until: deadline)
        }
    }

    /// Waits until the cursor's row shows `line` with the cursor at display column `column` (0 is the left edge).
    func expectLine(_ line: String, cursorAt column: Int, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let shown = display
            if shown.cursorLine == line && shown.column == column { return }
            guard Date() < deadline else {
                throw TerminalTimeout(waitingFor: "\(line.debugDescription) with the cursor at column \(column)",
                                      screen: "\(shown.cursorLine.debugDescription), cursor at column \(shown.column), from \(screen.debugDescription)")
            }
            awaitOutput(until: deadline)
        }
    }

    /// The byte offset of the end of what was written so far, to expect what comes next.
    var mark: Int {
        drain()
        return bytes.count
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
    }

    /// Blocks until the program writes more (or ends), or `deadline` passes.
    private func awaitOutput(until deadline: Date) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = max(0, min(Int32(deadline.timeIntervalSinceNow * 1000), 1000))
        _ = poll(&descriptor, 1, milliseconds)
    }

    /// Waits for the program to end; returns its exit status.
    func wait(timeout: TimeInterval = 60) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                throw TerminalTimeout(waitingFor: "exit", screen: screen)
            }
            // After the program's end the terminal reports a hang-up at once; before it, this waits on output.
            awaitOutput(until: min(deadline, Date().addingTimeInterval(0.05)))
        }
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }
}

struct TerminalTimeout: Error, CustomStringConvertible {
    let waitingFor: String
    let screen: String
    var description: String { "timed out waiting for \(waitingFor); the screen shows:\n\(screen)" }
}
