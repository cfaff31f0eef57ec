import Crypto
import Foundation
import LuaRuntime

/// Deterministic samples: the same items, size and seed give the same draw on any machine and in any run.
///
/// Each item is ranked by SHA-256 of the seed and its `code`; the sample is the best-ranked `n`. With strata
/// (say `building`), each stratum first gets its share of `n` in proportion to its size, by largest remainder,
/// so that no building is left out by chance.
public enum Sampler {
    /// `n` items of `items`, ordered by code.
    public static func sample(_ items: [LuaValue], n: Int, seed: String, strata: String? = nil) throws -> [LuaValue] {
        guard n >= 0, n <= items.count else {
            throw LuaError(.runtime, "ctx.sample: cannot draw \(n) of \(items.count) items")
        }
        let ranked = items.map { (rank: rank($0, seed: seed), code: code(of: $0), item: $0) }
            .sorted { ($0.rank, $0.code) < ($1.rank, $1.code) }
        var chosen: [(code: String, item: LuaValue)]
        if let strata {
            var groups: [String: [(code: String, item: LuaValue)]] = [:]
            for entry in ranked { groups[stratum(of: entry.item, strata), default: []].append((entry.code, entry.item)) }
            let quotas = allocate(n, sizes: groups.mapValues(\.count))
            chosen = groups.flatMap { name, members in members.prefix(quotas[name] ?? 0) }
        } else {
            chosen = ranked.prefix(n).map { ($0.code, $0.item) }
        }
        return chosen.sorted { $0.code < $1.code }.map(\.item)
    }

    /// Shares of `n` in proportion to `sizes`: floors first, then one more to the largest remainders
    /// (ties to the larger stratum, then the name).
    static func allocate(_ n: Int, sizes: [String: Int]) -> [String: Int] {
        let total = sizes.values.reduce(0, +)
        guard total > 0 else { return [:] }
        var quotas = sizes.mapValues { n * $0 / total }
        let left = n - quotas.values.reduce(0, +)
        let byRemainder = sizes.keys.sorted { a, b in
            let ra = n * sizes[a]! % total, rb = n * sizes[b]! % total
            return (ra, sizes[a]!, b) > (rb, sizes[b]!, a)
        }
        for name in byRemainder.prefix(left) { quotas[name]! += 1 }
        return quotas
    }

    private static func rank(_ item: LuaValue, seed: String) -> UInt64 {
        let digest = SHA256.hash(data: Data((seed + "\u{0}" + code(of: item)).utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func code(of item: LuaValue) -> String {
        item["code"].stringValue ?? JSONText.encode(item)
    }

    private static func stratum(of item: LuaValue, _ field: String) -> String {
        switch item[field] {
        case .string(let s): return s
        case .nil: return ""
        case let other: return JSONText.encode(other)
        }
    }
}
