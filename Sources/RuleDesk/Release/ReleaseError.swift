/// Why a publication, a rollback or an export cannot go ahead. Nothing was written.
public enum ReleaseError: Error, Equatable, CustomStringConvertible {
    case nothingPublished
    case raced(expected: String?, found: Publication?)
    case alreadyInForce(Publication)
    case neverPublished(String)
    case ambiguous(String, [String])
    case shortPrefix(String)
    case folderNotEmpty(String)
    case refused(String)

    public var description: String {
        switch self {
        case .nothingPublished:
            return "no rule version is published in this database yet, and recording commands decide only under a published one; "
                + "review and publish the rules folder with `ruledesk rules publish --rules rules --by NAME --note TEXT`"
        case .raced(let expected, let found):
            return "the version in force changed while this publication was being reviewed "
                + "(\(expected.map { "expected \($0.prefix(12))" } ?? "expected none"), found \(found?.line ?? "none")); "
                + "nothing was published: run the command again to review against the new version"
        case .alreadyInForce(let publication):
            return "version \(publication.version.prefix(12)) is already in force (\(publication.line)); nothing was published"
        case .neverPublished(let prefix):
            return "no published rule version starts with \(prefix); `ruledesk rules log` lists the publications"
        case .ambiguous(let prefix, let versions):
            return "version \(prefix) is ambiguous: \(versions.map { String($0.prefix(12)) }.joined(separator: ", ")); give more digits"
        case .shortPrefix(let prefix):
            return "version '\(prefix)': give at least 8 hex digits of it, as `ruledesk rules log` shows them"
        case .folderNotEmpty(let folder):
            return "\(folder) is not empty: export into a new or empty folder, or pass --force to overwrite its rule files"
        case .refused(let reason):
            return "nothing was published: \(reason)"
        }
    }
}
