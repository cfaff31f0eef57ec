import GRDB

/// Where the rules a command evaluates come from: the version in force in the database, or a draft folder.
public enum RuleSource: Sendable, Equatable {
    /// The latest publication's files.
    case published
    /// The `*.lua` files of a folder, not published.
    case draft(String)

    /// The rules of this source; `.published` fails, saying how to publish, when nothing is published.
    public func load(from store: Store?) throws -> RuleSet {
        switch self {
        case .draft(let folder): return try RuleSet(folder: folder)
        case .published:
            guard let store else { throw ReleaseError.nothingPublished }
            return try store.read { try RuleReleases.inForceWithFiles(in: $0).ruleSet }
        }
    }

    /// `--rules DIR` as a draft; without it the version in force, or `./rules` as a draft when nothing is published.
    public static func choose(folder: String?, store: Store) throws -> RuleSource {
        if let folder { return .draft(folder) }
        return try store.read { try RuleReleases.inForce(in: $0) } == nil ? .draft("rules") : .published
    }

    /// The line that marks a draft's output, or nil for the published rules:
    /// `草稿 draft rules from new-rules (version 26074b9076b0, not published)`.
    public func draftLine(_ ruleSet: RuleSet, store: Store?) throws -> String? {
        guard case .draft(let folder) = self else { return nil }
        guard let store else { return "草稿 draft rules from \(folder) (version \(ruleSet.version.prefix(12)))" }
        let published = try store.read {
            try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM publications WHERE version = ?)", arguments: [ruleSet.version])
        } ?? false
        let inForce = try store.read { try RuleReleases.inForce(in: $0) }
        let state = inForce == nil ? "nothing is published yet"
            : published ? (inForce?.version == ruleSet.version ? "the same files as the version in force" : "published before, not in force")
            : "not published"
        return "草稿 draft rules from \(folder) (version \(ruleSet.version.prefix(12)), \(state))"
    }
}

extension RuleEngine {
    /// The version in force, compiled; nil while nothing is published (for commands that only read its names and
    /// declarations, such as `due`, `sla` and `find`).
    public static func inForce(store: Store, settings: Settings) throws -> RuleEngine? {
        guard try store.read({ try RuleReleases.inForce(in: $0) }) != nil else { return nil }
        return try RuleEngine(ruleSet: RuleSource.published.load(from: store), store: store, settings: settings)
    }
}
