import Dispatch
import Foundation

/// Where the batch's chunks come from: takes the next chunk of tickets and reads their cases on a thread of its
/// own while the batch evaluates the chunk before, so that the Lua states never wait for a claim (a write
/// transaction, which waits for the writer's commit of an earlier chunk) or for the reading. One chunk is ready
/// ahead at most.
///
/// A run claims its chunks (its heartbeat first, and the claims of dead runs freed); a dry run picks them
/// without claiming.
final class ChunkFeed: @unchecked Sendable {
    private let store: Store
    private let claims: TicketClaims
    private let run: BatchRun?
    private let chunkSize: Int
    private let queue = DispatchQueue(label: "ruledesk.batch.feed")
    /// Read and written on `queue` only: how many tickets are still to take, and the last id taken.
    private var left: Int
    private var after: Int64 = 0
    /// Read and written by the batch's thread only: the chunk being taken ahead.
    private var ahead: Ahead?

    /// Feeds up to `total` tickets of `claims`, `chunkSize` at a time, claimed for `run` (nil: a dry run).
    init(store: Store, claims: TicketClaims, run: BatchRun?, chunkSize: Int, total: Int) {
        self.store = store
        self.claims = claims
        self.run = run
        self.chunkSize = chunkSize
        left = total
        ahead = takeAhead()
    }

    /// The next chunk's cases, in id order (waiting for them if they are not read yet); nil when the selection
    /// is done. Starts taking the chunk after it.
    func next() throws -> [TicketCase]? {
        guard let chunk = ahead else { return nil }
        ahead = nil
        chunk.ready.wait()
        guard let cases = try chunk.result.get() else { return nil }
        ahead = takeAhead()
        return cases
    }

    /// Takes no more chunks, and waits for one being taken (so that nothing is claimed once the run ends).
    func stop() {
        ahead = nil
        queue.sync {}
    }

    private func takeAhead() -> Ahead {
        let chunk = Ahead()
        queue.async { [self] in
            chunk.result = Result { try take() }
            chunk.ready.signal()
        }
        return chunk
    }

    /// Claims (or picks) the next chunk and reads its cases; nil when none is left.
    private func take() throws -> [TicketCase]? {
        guard left > 0 else { return nil }
        let size = min(chunkSize, left)
        let ids = try run.map { run in
            try store.write { db in
                try run.heartbeat(in: db)
                try BatchRun.abandonDeadRuns(in: db)
                return try claims.claim(size, after: after, for: run, in: db)
            }
        } ?? store.read { try claims.peek(size, after: after, in: $0) }
        guard let last = ids.last else { return nil }
        after = last
        left -= ids.count
        return try store.read { try TicketCase.loadMany(ids: ids, from: $0) }
    }

    /// A chunk being taken: signalled once its result is set.
    private final class Ahead: @unchecked Sendable {
        let ready = DispatchSemaphore(value: 0)
        var result: Result<[TicketCase]?, any Error> = .success(nil)
    }
}
