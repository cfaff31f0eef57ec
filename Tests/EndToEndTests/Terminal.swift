import CTerminalTesting
import Foundation

/// The binary on a pseudo-terminal of its own, as a clerk runs it: it is a session leader whose controlling
/// terminal is the PTY, so Ctrl-C sent as a key becomes SIGINT.
final class Terminal {
    private let master: Int32
    private let pid: pid_t
    /// Everything the program wrote so far.
    private(set) var screen = ""

    init(_ arguments: [String], in folder: String, environment: [String: String]) throws {
        var name = [CChar](repeating: 0, count: 256)
        master = rd_pty_open(&name, name.count)
        guard master >= 0 else { throw CocoaError(.fileNoSuchFile) }
        let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        pid = rd_pty_spawn(Binary.path, argv, envp, name, master, folder)
        guard pid > 0 else { throw CocoaError(.executableNotLoadable) }
    }

    /// The environment a clerk's terminal has, with HOME in `home`.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env = ["HOME": home, "TERM": "xterm", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "LANG": "C.UTF-8"]
        env.merge(extra) { _, new in new }
        return env
    }

    func type(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Ctrl-C, Ctrl-D, Tab… as the keyboard sends them.
    func key(_ byte: UInt8) { type(String(UnicodeScalar(byte))) }

    /// Waits until the screen shows `text` after the position `after` (default: anywhere); returns the new
    /// screen text from `after`.
    @discardableResult
    func expect(_ text: String, after start: String.Index? = nil, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            let from = start ?? screen.startIndex
            if screen[from...].contains(text) { return String(screen[from...]) }
            usleep(20_000)
        }
        throw TerminalTimeout(waitingFor: text, screen: screen)
    }

    /// The end of what was written so far, to expect what comes next.
    var mark: String.Index {
        drain()
        return screen.endIndex
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var bytes: [UInt8] = []
        while true {
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        if !bytes.isEmpty { screen += String(decoding: bytes, as: UTF8.self) }
    }

    /// Waits for the program to end; returns its exit status.
    func wait(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        throw TerminalTimeout(waitingFor: "exit", screen: screen)
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
    var description: String { "timed out waiting for \(waitingFor.debugDescription); the screen shows:\n\(screen)" }
}
