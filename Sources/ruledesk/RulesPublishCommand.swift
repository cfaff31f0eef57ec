import ArgumentParser
import Foundation
import RuleDesk

struct RulesPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Put a rules folder into force: check, the rule tests and a diff against the version in force first.",
        discussion: """
            Any error of check (warnings too with --strict), any failing rule test, or a ticket that the version
            in force decides and the new rules fail refuses the publication, and nothing changes. Otherwise the
            files, their version, who, when, the note and the review's summary are stored in the database, and
            the version is in force: `ruledesk batch` decides under it. On a terminal it asks first; scripts pass --yes.

            Example:
              ruledesk rules publish --by 王芳 --note "3.6.1: raise the first approval limit"
              ruledesk rules publish --rules new-rules --by 王芳 --note "…" --yes
            """
    )

    @OptionGroup var rules: RulesOptions

    @OptionGroup var publication: PublicationOptions

    @Flag(help: "Warnings of check refuse too.")
    var strict = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Confirmation.ensurePossible(yes: publication.yes)
        var review = try publication.review(of: try database.open(for: .write))
        review.strict = strict
        let outcome = try review.review(folder: rules.folder)
        ReviewPrinter.print(outcome, source: rules.folder)
        if let refusal = outcome.refusal { throw ReleaseError.refused(refusal) }
        try Confirmation.ask("put version \(outcome.ruleSet.version.prefix(12)) from \(rules.folder) into force?", yes: publication.yes)
        try publication.putInForce(outcome, kind: .publish, in: review.store)
    }
}
