import Foundation
import TemporaryFolders

/// Runs the built `ruledesk` binary as a user would, in a folder of its own outside the project, which holds
/// a copy of `rules/` and nothing else from the project (sample data is read from the project by absolute path).
struct Binary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The project's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `ruledesk` beside the test bundle (`.build/debug`), or `$RULEDESK_BIN`.
    static let path: String = {
        if let path = ProcessInfo.processInfo.environment["RULEDESK_BIN"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("ruledesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root + "/.build/debug/ruledesk"
    }()

    /// The project's sample data, by absolute path.
    static let samples = root + "/samples"

    /// A new, empty folder outside the project, removed when the test ends.
    static func emptyFolder() throws -> String {
        try TemporaryFolder.make("ruledesk-e2e-")
    }

    /// A new working folder outside the project with a copy of `rules/`, removed when the test ends.
    static func workspace() throws -> String {
        let folder = try emptyFolder()
        try FileManager.default.copyItem(atPath: root + "/rules", toPath: folder + "/rules")
        return folder
    }

    /// A workspace with the sample world imported into `ruledesk.db`.
    static func sampleWorld() throws -> String {
        let folder = try workspace()
        _ = try run(["init"], in: folder)
        for kind in ["communities", "households", "contractors", "calendar", "tickets"] {
            let result = try run(["import", kind, samples + "/\(kind).csv"], in: folder)
            guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: ["import": result.stderr]) }
        }
        return folder
    }

    /// Publishes the workspace's `rules/` into the database (`ruledesk.db` unless `db`), as recording commands need.
    @discardableResult
    static func publish(in folder: String, db: String = "ruledesk.db", by: String = "tests", note: String = "the rules under test",
                        _ arguments: [String] = []) throws -> Result {
        let result = try run(["rules", "publish", "--db", db, "--by", by, "--note", note, "--yes"] + arguments, in: folder)
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["publish": result.stdout + result.stderr]) }
        return result
    }

    /// Starts the binary without waiting (its output is discarded unless `captureOutput`).
    static func start(_ arguments: [String], in folder: String, captureOutput: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = captureOutput ? Pipe() : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the binary to its end, or kills it after `timeout` seconds and throws.
    @discardableResult
    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:], input: String? = nil,
                    timeout: TimeInterval? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "RULEDESK_DB")
        env.removeValue(forKey: "RULEDESK_TIMEZONE")
        // The language of what clerks read comes from these: a test that wants Chinese sets them itself.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { env.removeValue(forKey: name) }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        if let timeout, process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL {
            throw BinaryTimeout(arguments: arguments, seconds: timeout)
        }
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

struct BinaryTimeout: Error, CustomStringConvertible {
    let arguments: [String]
    let seconds: TimeInterval
    var description: String { "ruledesk \(arguments.joined(separator: " ")) still ran after \(Int(seconds)) s" }
}
