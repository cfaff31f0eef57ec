import Foundation
import Testing

/// Folders a test makes under the system's temporary folder, removed when the test ends (passed or failed).
///
/// ```swift
/// @Suite(.removesTemporaryFolders) struct ImportTests {
///     @Test func readsACSV() throws {
///         let folder = try TemporaryFolder.make("ruledesk-tests-")   // gone after the test
///     }
/// }
/// ```
public enum TemporaryFolder {
    /// The folders made in the running test.
    @TaskLocal static var made: Made?

    /// Makes a new empty folder named `prefix` and a unique suffix; the test's `.removesTemporaryFolders`
    /// trait removes it.
    public static func make(_ prefix: String) throws -> String {
        guard let made else { throw Unscoped() }
        let path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        made.add(path)
        return path
    }

    /// The folders of one test.
    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []

        func add(_ path: String) { lock.withLock { paths.append(path) } }

        /// Removes every folder; one that cannot be removed is a failure of the test.
        func removeAll() {
            for path in lock.withLock({ paths }) where FileManager.default.fileExists(atPath: path) {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    Issue.record("could not remove the temporary folder \(path): \(error)")
                }
            }
        }
    }

    struct Unscoped: Error, CustomStringConvertible {
        var description: String { "a test that makes temporary folders needs the .removesTemporaryFolders trait" }
    }
}

/// Removes the temporary folders each test of a suite made, when the test ends.
public struct RemovesTemporaryFolders: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        let made = TemporaryFolder.Made()
        defer { made.removeAll() }
        try await TemporaryFolder.$made.withValue(made) { try await function() }
    }
}

extension Trait where Self == RemovesTemporaryFolders {
    /// Each test's temporary folders (``TemporaryFolder/make(_:)``) are removed when it ends.
    public static var removesTemporaryFolders: Self { Self() }
}
