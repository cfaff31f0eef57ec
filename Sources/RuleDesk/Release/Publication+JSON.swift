import LuaRuntime

extension Publication {
    /// The publication as data for JSON (`rules status`, `rules log`).
    public var jsonValue: LuaValue {
        .table([
            "sequence": .integer(Int64(sequence)), "version": .string(version),
            "replaces": replaces.map(LuaValue.string) ?? .nil, "kind": .string(kind.rawValue),
            "published_by": .string(publishedBy), "published_at": .string(publishedAt),
            "note": .string(note), "check": .string(review.check),
            "tests": .string(review.tests), "diff": .string(review.diff),
        ])
    }
}

extension RuleReleases {
    /// `rules status --format json`: the version in force (or null), the folder's version, and the files that differ.
    public static func statusJSON(inForce: Publication?, folder: RuleSet, changes: [String]) -> String {
        JSONText.encode(.table([
            "in_force": inForce?.jsonValue ?? .nil,
            "folder": .string(folder.folder), "folder_version": .string(folder.version),
            "differs": .boolean(inForce?.version != folder.version),
            "files": .array(changes.map { .string($0.trimmingCharacters(in: .whitespaces)) }),
        ]))
    }

    /// `rules log --format json`: each version used, with its publications.
    public static func logJSON(_ log: [RuleArchive.VersionUse], publications: [Publication]) -> String {
        let byVersion = Dictionary(grouping: publications, by: \.version)
        return JSONText.encode(.array(log.map { use in
            .table(["version": .string(use.version), "first_use": use.firstUse.map(LuaValue.string) ?? .nil,
                    "last_use": use.lastUse.map(LuaValue.string) ?? .nil,
                    "decisions": .integer(Int64(use.decisions)), "kept": .boolean(use.kept),
                    "publications": .array((byVersion[use.version] ?? []).map(\.jsonValue))])
        }))
    }
}
