/// The allowed values nearest to a mistyped one: by edit distance (a swap of two letters counts once) to the
/// key, the Chinese name or another spelling, or when one contains the other.
enum NearestTerms {
    /// At most `limit` terms close to `value`, nearest first.
    static func to(_ value: String, in terms: [Vocabulary.Term], limit: Int = 3) -> [Vocabulary.Term] {
        let typed = Array(value.lowercased())
        let scored = terms.compactMap { term -> (Vocabulary.Term, Int)? in
            let distances = ([term.key, term.name] + term.spellings).compactMap { candidate -> Int? in
                let written = Array(candidate.lowercased())
                if !typed.isEmpty, written.count > 1, typed.count > 1,
                   written.contains(typed) || typed.contains(written) {
                    return abs(written.count - typed.count)
                }
                let distance = Self.distance(typed, written)
                return distance <= max(1, written.count / 3) ? distance : nil
            }
            return distances.min().map { (term, $0) }
        }
        return scored.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
            .prefix(limit).map(\.element.0)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
