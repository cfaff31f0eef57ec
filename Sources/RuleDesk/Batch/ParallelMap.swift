import Dispatch
import Foundation

/// Maps items through workers in parallel, keeping the items' order. Each worker (a Lua state, say) takes the next
/// item nobody has taken yet, so a worker that meets slower items takes fewer and all of them finish together; each
/// worker is used by one thread at a time.
enum ParallelMap {
    static func run<Worker: AnyObject, Item, Output>(_ items: [Item], workers: [Worker],
                                                     _ body: @escaping (Worker, Item) -> Output) -> [Output] {
        let job = Job(items: items, workers: workers, body: body)
        DispatchQueue.concurrentPerform(iterations: max(workers.count, 1)) { job.work(on: $0) }
        return job.outputs
    }

    /// One parallel map: its input, the next item to take, and what the workers made, each output with its item's place.
    private final class Job<Worker, Item, Output>: @unchecked Sendable {
        let items: [Item]
        let workers: [Worker]
        let body: (Worker, Item) -> Output
        private var taken = 0
        private var made: [(place: Int, output: Output)] = []
        private let lock = NSLock()

        init(items: [Item], workers: [Worker], body: @escaping (Worker, Item) -> Output) {
            self.items = items
            self.workers = workers
            self.body = body
        }

        /// Takes items until none is left, mapping them on worker `worker`.
        func work(on worker: Int) {
            var mine: [(place: Int, output: Output)] = []
            while let place = take() { mine.append((place, body(workers[worker], items[place]))) }
            lock.withLock { made += mine }
        }

        /// The place of the next item nobody has taken, nil when all are taken.
        private func take() -> Int? {
            lock.withLock {
                guard taken < items.count else { return nil }
                defer { taken += 1 }
                return taken
            }
        }

        /// The outputs in the items' order.
        var outputs: [Output] {
            lock.withLock { made.sorted { $0.place < $1.place }.map(\.output) }
        }
    }
}
