import Dispatch
import Foundation

/// Maps items through workers in parallel, one slice of the items per worker, keeping the items' order.
/// Each worker (a Lua state, say) is used by one thread at a time.
enum ParallelMap {
    static func run<Worker: AnyObject, Item, Output>(_ items: [Item], workers: [Worker],
                                                     _ body: @escaping (Worker, Item) -> Output) -> [Output] {
        let job = Job(items: items, workers: workers, body: body)
        DispatchQueue.concurrentPerform(iterations: max(workers.count, 1)) { job.run(slice: $0) }
        return job.outputs
    }

    /// One parallel map: its input, and the slices of output the threads write.
    private final class Job<Worker, Item, Output>: @unchecked Sendable {
        let items: [Item]
        let workers: [Worker]
        let body: (Worker, Item) -> Output
        private var slots: [[Output]]
        private let lock = NSLock()

        init(items: [Item], workers: [Worker], body: @escaping (Worker, Item) -> Output) {
            self.items = items
            self.workers = workers
            self.body = body
            slots = Array(repeating: [], count: max(workers.count, 1))
        }

        func run(slice: Int) {
            let size = (items.count + slots.count - 1) / slots.count
            let range = min(slice * size, items.count)..<min((slice + 1) * size, items.count)
            let outputs = items[range].map { body(workers[slice], $0) }
            lock.withLock { slots[slice] = outputs }
        }

        var outputs: [Output] { lock.withLock { slots.flatMap { $0 } } }
    }
}
