import ArgumentParser
import Foundation
import RuleDesk

struct RulesRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Put an earlier published version back into force (itself a publication, with who and why).",
        discussion: """
            VERSION is a published version or 8 or more of its first hex digits (`ruledesk rules log` lists them).
            A diff against the version in force shows what goes back; on a terminal it asks first.

            Example:
              ruledesk rules rollback 058daa02 --by 王芳 --note "the 2000-yuan limit waits for the board"
            """
    )

    @Argument(help: ArgumentHelp("The published version to put back, e.g. 058daa02.", valueName: "version"))
    var version: String

    @OptionGroup var publication: PublicationOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Confirmation.ensurePossible(yes: publication.yes)
        let store = try database.open(for: .write)
        let full = try store.read { db -> String in
            let full = try RuleReleases.resolve(version, in: db)
            if let inForce = try RuleReleases.inForce(in: db), inForce.version == full {
                throw ReleaseError.alreadyInForce(inForce)
            }
            return full
        }
        let outcome = try publication.review(of: store).review(rollbackTo: full)
        ReviewPrinter.print(outcome, source: "published \(full.prefix(12))")
        if let refusal = outcome.refusal { throw ReleaseError.refused(refusal) }
        try Confirmation.ask("put version \(full.prefix(12)) back into force?", yes: publication.yes)
        try publication.putInForce(outcome, kind: .rollback, in: store)
    }
}
