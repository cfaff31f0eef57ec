import Foundation

/// `ruledesk rules export`: writes a published version's files into a folder, for review or a new draft.
/// The folder then reads back as the same version.
public enum RuleExport {
    /// Writes the files (rules, `lib/` modules, `reports/` scripts); a folder with anything in it is refused unless
    /// `force` (its rule files are then replaced and other `*.lua` files directly in it, in its `lib/` or `reports/`
    /// removed, so that it holds exactly the version). Returns the paths written.
    @discardableResult
    public static func write(_ ruleSet: RuleSet, to folder: String, force: Bool) throws -> [String] {
        let manager = FileManager.default
        let existing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        if !existing.isEmpty {
            guard force else { throw ReleaseError.folderNotEmpty(folder) }
            for inner in [folder, folder + "/" + RuleSet.modulesFolder, folder + "/" + RuleSet.reportsFolder] {
                for name in (try? manager.contentsOfDirectory(atPath: inner)) ?? [] where name.hasSuffix(".lua") && !name.hasPrefix(".") {
                    var isDirectory: ObjCBool = false
                    if manager.fileExists(atPath: inner + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                        try manager.removeItem(atPath: inner + "/" + name)
                    }
                }
            }
        }
        return try ruleSet.files.map { file in
            let path = folder + "/" + file.name
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.source.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
