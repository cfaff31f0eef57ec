import Crypto
import Foundation
import GRDB
import TemporaryFolders
import Testing
@testable import RuleDesk

/// The decisions of the default rules stay byte for byte what the first release recorded, on every sample ticket
/// and on a generated world: refactoring the engine, the sandbox or the rules' code must change none of them.
/// `Golden/decisions.sha256` holds, per ticket, the SHA-256 of its results JSON, a newline and its trace JSON, as the
/// first release's `ruledesk batch` wrote them. A change that legitimately changes decisions (the rules' trace
/// naming values in Chinese did) writes them again with `RULEDESK_WRITE_GOLDEN=1 swift test --filter
/// GoldenDecisionTests/writeTheGoldenFile`, and says so in its commit.
@Suite(.removesTemporaryFolders) struct GoldenDecisionTests {
    static let goldenFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/decisions.sha256")
    /// The generated world the digests were taken on (`ruledesk gen --tickets 2000`).
    static let generatedTickets = 2000

    /// Ticket number → digest, from the golden file (`sample KF-2026-000001 <hex>` or `gen KF-… <hex>`).
    private func golden(_ world: String) throws -> [String: String] {
        let lines = try String(contentsOf: Self.goldenFile, encoding: .utf8).split(separator: "\n")
        return lines.reduce(into: [:]) { all, line in
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == world { all[String(parts[1])] = String(parts[2]) }
        }
    }

    /// Ticket number → digest of what the rules in `rules/` decide now, through the batch's recording path.
    private func digests(_ store: Store) throws -> [String: String] {
        let engine = try RuleEngine(ruleSet: RuleSet(folder: Fixtures.root + "/rules"), store: store, settings: Fixtures.shanghai)
        let cases = try store.read { db in try Ticket.fetchAll(db).map { try TicketCase.load($0, from: db) } }
        return try cases.reduce(into: [:]) { all, ticketCase in
            let recorded = try engine.record(ticketCase, keys: [])
            let digest = SHA256.hash(data: Data((recorded.resultsJSON + "\n" + recorded.traceJSON).utf8))
            all[ticketCase.ticket.number] = digest.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The sample world, as the first release imported it.
    private func samples() throws -> Store {
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in [ImportKind.communities, .households, .contractors, .calendar, .tickets] {
            try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
        }
        return store
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["RULEDESK_WRITE_GOLDEN"] == "1"))
    func writeTheGoldenFile() throws {
        let folder = try Fixtures.temporaryFolder()
        let worlds = [("sample", try samples()),
                      ("gen", try SyntheticWorld(tickets: Self.generatedTickets).build(at: folder + "/gen.db", settings: Fixtures.shanghai))]
        var lines: [String] = []
        for (world, store) in worlds {
            let digests = try digests(store)
            let numbers = try store.read { try String.fetchAll($0, sql: "SELECT number FROM tickets ORDER BY id") }
            lines += numbers.map { "\(world) \($0) \(digests[$0]!)" }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: Self.goldenFile)
    }

    @Test func sampleTicketsAreDecidedAsRecorded() throws {
        let store = try samples()
        let expected = try golden("sample")
        #expect(expected.count == 30)
        let actual = try digests(store)
        for (number, digest) in expected { #expect(actual[number] == digest, "\(number)") }
    }

    @Test func generatedTicketsAreDecidedAsRecorded() throws {
        let folder = try Fixtures.temporaryFolder()
        let store = try SyntheticWorld(tickets: Self.generatedTickets).build(at: folder + "/gen.db", settings: Fixtures.shanghai)
        let expected = try golden("gen")
        #expect(expected.count == Self.generatedTickets)
        let actual = try digests(store)
        let differing = expected.filter { actual[$0.key] != $0.value }.map(\.key).sorted()
        #expect(differing.isEmpty, "\(differing.count) generated tickets are decided differently, e.g. \(differing.prefix(5))")
    }
}
