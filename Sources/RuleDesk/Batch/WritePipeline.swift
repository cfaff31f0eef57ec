import Dispatch
import Foundation

/// Commits chunks on a writer thread while the batch evaluates the next ones; at most two chunks wait.
final class WritePipeline: @unchecked Sendable {
    struct Tally {
        var evaluated = 0, failed = 0, skipped = 0
        var failures: [BatchSummary.Failure] = []
    }

    private let queue = DispatchQueue(label: "ruledesk.batch.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var _tally = Tally()
    private var _error: (any Error)?

    var tally: Tally { lock.withLock { _tally } }
    var error: (any Error)? { lock.withLock { _error } }

    /// Runs `write` on the writer thread; it returns the outcomes it wrote (the rest lost their claim).
    func submit(_ outcomes: [BatchOutcome], _ write: @escaping @Sendable () throws -> [BatchOutcome]) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard error == nil else { return }
            do {
                let written = try write()
                record(written, lost: outcomes.count - written.count)
            } catch {
                lock.withLock { _error = error }
            }
        }
    }

    /// Counts outcomes that were written (or, in a dry run, reported).
    func record(_ outcomes: [BatchOutcome], lost: Int) {
        lock.withLock {
            for outcome in outcomes {
                switch outcome.result {
                case .success: _tally.evaluated += 1
                case .failure(let failure):
                    _tally.failed += 1
                    if _tally.failures.count < BatchSummary.failuresShown {
                        _tally.failures.append(.init(number: outcome.number, message: failure.message))
                    }
                }
            }
            _tally.skipped += lost
        }
    }

    /// Waits for every submitted chunk.
    func drain() { queue.sync {} }
}
