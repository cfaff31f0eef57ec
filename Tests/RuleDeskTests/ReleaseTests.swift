import Foundation
import GRDB
import TemporaryFolders
import Testing
@testable import RuleDesk

/// Publications in the library: compare-and-swap, append-only, stored files that hash to their version.
@Suite(.removesTemporaryFolders) struct ReleaseTests {
    private let review = ReleaseReview.Summary(check: "0 errors, 0 warnings", tests: "1 passed, 0 failed", diff: "first publication")

    @Test func aPublicationThatDidNotSeeTheLatestIsRefusedAndWritesNothing() throws {
        let store = try Fixtures.store()
        let first = try Fixtures.rule("return { value = 1 }")
        let second = try Fixtures.rule("return { value = 2 }")
        let third = try Fixtures.rule("return { value = 3 }")
        _ = try store.write { try RuleReleases.publish(first, kind: .publish, by: "a", note: "one", review: review, expecting: nil, in: $0) }
        // Both reviewed against `first`; the second to arrive finds `second` in force.
        _ = try store.write {
            try RuleReleases.publish(second, kind: .publish, by: "b", note: "two", review: review, expecting: first.version, in: $0)
        }
        #expect(throws: ReleaseError.self) {
            try store.write {
                try RuleReleases.publish(third, kind: .publish, by: "c", note: "three", review: review, expecting: first.version, in: $0)
            }
        }
        #expect(throws: ReleaseError.self) {
            try store.write { try RuleReleases.publish(third, kind: .publish, by: "c", note: "three", review: review, expecting: nil, in: $0) }
        }
        let log = try store.read { try RuleReleases.log(in: $0) }
        #expect(log.map(\.version) == [first.version, second.version])
        #expect(log.map(\.replaces) == [nil, first.version])
        #expect(try store.read { try RuleReleases.inForce(in: $0) }?.version == second.version)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rule_versions WHERE version = ?", arguments: [third.version]) } == 0)
    }

    @Test func publicationsAreAppendOnly() throws {
        let store = try Fixtures.store()
        let rules = try Fixtures.rule("return { value = 1 }")
        _ = try store.write { try RuleReleases.publish(rules, kind: .publish, by: "a", note: "one", review: review, expecting: nil, in: $0) }
        #expect(throws: DatabaseError.self) { try store.write { try $0.execute(sql: "UPDATE publications SET note = 'other'") } }
        #expect(throws: DatabaseError.self) { try store.write { try $0.execute(sql: "DELETE FROM publications") } }
    }

    @Test func thePublishedFilesHashToTheVersionAndAreNamedAsPublished() throws {
        let store = try Fixtures.store()
        let rules = try RuleSet(folder: Fixtures.root + "/rules")
        _ = try store.write { try RuleReleases.publish(rules, kind: .publish, by: "a", note: "one", review: review, expecting: nil, in: $0) }
        let (publication, stored) = try store.read { try RuleReleases.inForceWithFiles(in: $0) }
        #expect(publication.version == rules.version && stored.version == rules.version)
        #expect(stored.files.map(\.source) == rules.files.map(\.source))
        #expect(stored.files.first?.path == "published \(rules.version.prefix(12))/\(rules.files[0].name)")
        let modules = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root + "/rules/lib").filter { $0.hasSuffix(".lua") }.sorted()
        #expect(modules.count >= 3)
        #expect(stored.modules.map(\.path) == modules.map { "published \(rules.version.prefix(12))/lib/\($0)" })
        #expect(stored.reports.map(\.path) == ["quarterly", "weekly", "yearly"].map { "published \(rules.version.prefix(12))/reports/\($0).lua" })
        #expect(stored.rules.map(\.name) == rules.rules.map(\.name))
        #expect(try RuleEngine(ruleSet: stored, store: store, settings: Fixtures.shanghai).rules.count == rules.rules.count)
        #expect(try store.read { try RuleReleases.resolve(String(rules.version.prefix(8)).uppercased(), in: $0) } == rules.version)
        #expect(throws: ReleaseError.shortPrefix("abc")) { try store.read { try RuleReleases.resolve("abc", in: $0) } }
        #expect(throws: ReleaseError.neverPublished("ffffffff")) { try store.read { try RuleReleases.resolve("ffffffff", in: $0) } }
    }

    @Test func nothingPublishedSaysHowToPublish() throws {
        let store = try Fixtures.store()
        #expect(throws: ReleaseError.nothingPublished) { try RuleSource.published.load(from: store) }
        #expect(ReleaseError.nothingPublished.description.contains("ruledesk rules publish --rules rules --by NAME --note TEXT"))
        #expect(try RuleSource.choose(folder: nil, store: store) == .draft("rules"))
    }
}
