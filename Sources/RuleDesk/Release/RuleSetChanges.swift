/// Which files differ between two rule sets, by name: `  changed  approval.lua`.
public enum RuleSetChanges {
    /// One line per file added, removed or changed, in name order; empty when the files are the same.
    public static func lines(from before: RuleSet, to after: RuleSet) -> [String] {
        let old = Dictionary(uniqueKeysWithValues: before.files.map { ($0.name, $0.source) })
        let new = Dictionary(uniqueKeysWithValues: after.files.map { ($0.name, $0.source) })
        return Set(old.keys).union(new.keys).sorted().compactMap { name in
            switch (old[name], new[name]) {
            case (nil, _): return "  added    \(name)"
            case (_, nil): return "  removed  \(name)"
            case let (a?, b?) where a != b: return "  changed  \(name)"
            default: return nil
            }
        }
    }
}
