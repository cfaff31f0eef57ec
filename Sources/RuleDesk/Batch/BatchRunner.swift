import Dispatch
import Foundation
import GRDB

/// Applies the rules to every selected ticket exactly once, in chunks, in three stages that run at once: the next
/// chunk is claimed and read (``ChunkFeed``), the current one is evaluated on `jobs` Lua states in parallel, and the
/// one before is committed in one transaction (``WritePipeline``). It can be killed at any moment (a chunk is
/// committed whole or not at all; claims of a dead process are free again) and run twice at once (claims keep two
/// processes off the same ticket).
///
/// ```swift
/// var options = BatchOptions()
/// options.jobs = 2
/// let summary = try BatchRunner(store: store, ruleSet: ruleSet, settings: settings, options: options).run()
/// ```
public final class BatchRunner: @unchecked Sendable {
    let store: Store
    let ruleSet: RuleSet
    let settings: Settings
    let options: BatchOptions
    /// Called from the batch's thread after every chunk.
    public var progress: (@Sendable (BatchProgress) -> Void)?

    public init(store: Store, ruleSet: RuleSet, settings: Settings, options: BatchOptions) {
        self.store = store
        self.ruleSet = ruleSet
        self.settings = settings
        self.options = options
    }

    public func run() throws -> BatchSummary {
        do {
            return try runBatch()
        } catch let error as BatchError {
            throw error
        } catch let error as DatabaseError {
            throw BatchError(error)
        }
    }

    private func runBatch() throws -> BatchSummary {
        let started = Date()
        let calendar = try store.calendar()
        let engines = try (0..<min(max(1, options.jobs), BatchOptions.maxJobs)).map { _ in
            EngineBox(try RuleEngine(ruleSet: ruleSet, store: store, settings: settings, calendar: calendar))
        }
        let claims = TicketClaims(selection: options.selection, rulesVersion: ruleSet.version)
        var summary = BatchSummary()
        summary.dryRun = options.dryRun
        summary.rulesVersion = ruleSet.version
        let total = min(try store.read { try claims.count(in: $0) }, options.limit ?? .max)

        let opened: (run: BatchRun, dictionary: DecisionDictionary?)? = options.dryRun ? nil : try store.write { db in
            try BatchRun.abandonDeadRuns(in: db)
            try RuleArchive.remember(ruleSet, in: db)
            return (try BatchRun.start(in: db), try DecisionVersions.kept(ruleSet.version, in: db))
        }
        let run = opened?.run
        // What the evaluators compress against: the version's dictionary, or the one its first chunk makes.
        var dictionary = opened?.dictionary
        let writer = run.map { BatchWriter(run: $0, rulesVersion: ruleSet.version, declared: engines[0].engine.declared) }
        let pipeline = WritePipeline()
        let feed = ChunkFeed(store: store, claims: claims, run: run, chunkSize: options.chunkSize, total: total)
        do {
            while pipeline.error == nil, let cases = try feed.next() {
                var evaluated = Self.evaluate(cases, on: engines, compressingWith: dictionary)
                if writer != nil, dictionary == nil, let made = Self.dictionary(of: evaluated) {
                    dictionary = made
                    evaluated = Self.compress(evaluated, with: made, on: engines)
                }
                let outcomes = evaluated
                if let writer {
                    pipeline.submit(outcomes) { [store] in
                        let written = try store.write { try writer.write(outcomes, in: $0) }
                        return outcomes.filter { written.contains($0.ticketId) }
                    }
                } else {
                    pipeline.record(outcomes, lost: 0)
                }
                let tally = pipeline.tally
                progress?(BatchProgress(done: tally.evaluated + tally.failed + tally.skipped, total: total,
                                        seconds: Date().timeIntervalSince(started)))
            }
            feed.stop()
            pipeline.drain()
            if let error = pipeline.error { throw error }
            if let run { try store.write { try run.finish("done", in: $0) } }
        } catch {
            feed.stop()
            pipeline.drain()
            if let run { try? store.write { try run.finish("failed", in: $0) } }
            throw BatchError(error)
        }
        let tally = pipeline.tally
        summary.evaluated = tally.evaluated
        summary.failed = tally.failed
        summary.skipped = tally.skipped
        summary.failures = tally.failures
        (summary.ruleErrors, summary.claimedByOthers) = try store.read { try claims.backlog(in: $0) }
        try store.read { try summary.countOverdue(on: settings.today, in: $0) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// A batch that could not run, with what to do.
public struct BatchError: Error, CustomStringConvertible {
    public let description: String

    init(_ error: any Error) {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL:
                description = "the disk is full: nothing of the last chunk was written; free some space and run the batch again"
            case .SQLITE_READONLY:
                description = "the database is read-only: nothing was written; check the file's permissions and the disk"
            default:
                description = "database error: \(error.message ?? "\(error.resultCode)"); nothing of the last chunk was written"
            }
        } else {
            description = String(describing: error)
        }
    }
}
