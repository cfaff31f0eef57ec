import Foundation
import GRDB
import Testing
@testable import RuleDesk
import TemporaryFolders

@Suite(.removesTemporaryFolders) struct ImportTests {
    let store: Store
    let folder: String

    init() throws {
        store = try Fixtures.store()
        folder = try Fixtures.temporaryFolder()
    }

    private func importTickets(_ rows: [String]) throws {
        let path = folder + "/tickets.csv"
        try Fixtures.write(([ImportKind.tickets.columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n", to: path)
        try Importer(store: store, settings: Fixtures.shanghai).run(.tickets, file: path)
    }

    private func ticketCount() throws -> Int { try store.read { try Ticket.fetchCount($0) } }

    private static let good = "KF-2026-000001,2026-03-02T10:00:00+08:00,cs,T01,T01-1-101,warranty,repair,plumbing,plumbing|tiling,false,800,1,false,false,,,漏水"

    @Test func importsTheSampleWorld() throws {
        let store = try Store()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        for kind in ImportKind.allCases where kind != .events {
            let count = try importer.run(kind, file: Fixtures.root + "/samples/\(kind.rawValue).csv")
            #expect(count.rows > 0)
        }
        // Events re-decide their tickets, under published rules only.
        let review = ReleaseReview.Summary(check: "", tests: "", diff: "")
        _ = try store.write {
            try RuleReleases.publish(try RuleSet(folder: Fixtures.root + "/rules"), kind: .publish, by: "t", note: "", review: review,
                                     expecting: nil, in: $0)
        }
        #expect(try importer.run(.events, file: Fixtures.root + "/samples/events.csv").rows == 12)
        #expect(try store.read { try Community.fetchCount($0) } == 3)
        let ticket = try store.read { try Ticket.filter(Column("number") == "KF-2026-000001").fetchOne($0) }
        #expect(ticket?.status == "new")
    }

    @Test func readsTradesBooleansAndCosts() throws {
        try importTickets([Self.good])
        let ticket = try #require(try store.read { try Ticket.fetchOne($0) })
        #expect(ticket.tradeList == ["plumbing", "tiling"])
        #expect(ticket.estimatedCost == 800)
        #expect(ticket.complex == false)
    }

    @Test func ticketsWithoutNumberGetTheNextRunningNumber() throws {
        try importTickets([Self.good, "," + Self.good.split(separator: ",", maxSplits: 1)[1]])
        let numbers = try store.read { try String.fetchAll($0, sql: "SELECT number FROM tickets ORDER BY number") }
        #expect(numbers == ["KF-2026-000001", "KF-2026-000002"])
    }

    @Test func runningNumbersAreComparedAsNumbers() throws {
        let unnumbered = "," + Self.good.split(separator: ",", maxSplits: 1)[1]
        try importTickets([Self.good.replacingOccurrences(of: "KF-2026-000001", with: "KF-2026-999999"),
                           Self.good.replacingOccurrences(of: "KF-2026-000001", with: "KF-2026-X1"), unnumbered])
        try importTickets([unnumbered])
        let numbers = try store.read { try String.fetchAll($0, sql: "SELECT number FROM tickets ORDER BY id") }
        #expect(numbers == ["KF-2026-999999", "KF-2026-X1", "KF-2026-1000000", "KF-2026-1000001"])
    }

    @Test func aHandWrittenNumberThatIsNotDigitsDoesNotBlockRunningNumbers() throws {
        let unnumbered = "," + Self.good.split(separator: ",", maxSplits: 1)[1]
        try importTickets([Self.good.replacingOccurrences(of: "KF-2026-000001", with: "KF-2026-X1"), unnumbered])
        try importTickets([unnumbered])
        let numbers = try store.read { try String.fetchAll($0, sql: "SELECT number FROM tickets ORDER BY id") }
        #expect(numbers == ["KF-2026-X1", "KF-2026-000001", "KF-2026-000002"])
    }

    @Test(arguments: [
        ("T01", "T99", "tickets.csv:3: community: unknown community 'T99'; import communities first"),
        ("2026-03-02T10:00:00+08:00", "2026-02-30T10:00:00+08:00", "tickets.csv:3: received_at: '2026-02-30T10:00:00+08:00' is not a date and time; write e.g. 2026-03-02 10:15"),
        (",800,", ",-5,", "tickets.csv:3: estimated_cost: '-5' is negative"),
        ("KF-2026-000001,", "KF-2026-000001,", "tickets.csv:3: number: ticket 'KF-2026-000001' exists already"),
        (",false,false,,", ",maybe,false,,", "tickets.csv:3: hazard: 'maybe' is not true or false"),
        (",漏水", ",漏水,extra", "tickets.csv:3: expected 17 fields, found 18"),
    ])
    func aBadRowAbortsTheWholeImport(find: String, replace: String, message: String) throws {
        var bad = Self.good.replacingOccurrences(of: "KF-2026-000001", with: "KF-2026-000002")
        if find == "KF-2026-000001," { bad = Self.good }
        bad = bad.replacingOccurrences(of: find, with: replace)
        do {
            try importTickets([Self.good, bad])
            Issue.record("imported")
        } catch let failure as ImportFailure {
            #expect(failure.total == 1 && failure.errors[0].description.hasPrefix(folder + "/" + message), "\(failure)")
        }
        #expect(try ticketCount() == 0)
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let path = folder + "/tickets.csv"
        var data = Data((ImportKind.tickets.columns.joined(separator: ",") + "\n" + Self.good + "\n").utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x0A])
        try data.write(to: URL(fileURLWithPath: path))
        #expect { try Importer(store: store, settings: Fixtures.shanghai).run(.tickets, file: path) } throws: {
            ($0 as? ImportError)?.description == path + ":3: neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8"
        }
        #expect(try ticketCount() == 0)
    }

    @Test func headersAreChecked() throws {
        let path = folder + "/communities.csv"
        try Fixtures.write("code,name,completion_date,households_total\nX,x,2024-01-01,3\n", to: path)
        #expect { try Importer(store: store, settings: Fixtures.shanghai).run(.communities, file: path) } throws: {
            ($0 as? ImportError)?.description.contains(":1: handover_date: missing column") == true
        }
    }

    @Test func personalDataStaysOutOfMessages() throws {
        let path = folder + "/households.csv"
        try Fixtures.write("code,community,building,unit,room,owner,phone,moved_in_on\nT01-9,T01,1,1,9,李四,13900000000,someday\n", to: path)
        do {
            try Importer(store: store, settings: Fixtures.shanghai).run(.households, file: path)
            Issue.record("imported")
        } catch {
            #expect("\(error)".contains("moved_in_on: 'someday' is not a date"))
            #expect(!"\(error)".contains("李四") && !"\(error)".contains("13900000000"))
        }
    }

    @Test func quotedFieldsKeepCommasAndLineNumbersFollowNewlines() throws {
        let quoted = Self.good.replacingOccurrences(of: ",漏水", with: ",\"漏水,\n很急\"")
        let second = Self.good.replacingOccurrences(of: "KF-2026-000001", with: "KF-2026-000002").replacingOccurrences(of: "T01,", with: "T77,")
        do {
            try importTickets([quoted, second])
            Issue.record("imported")
        } catch let failure as ImportFailure {
            #expect(failure.errors.map(\.line) == [4], "\(failure)")
        }
    }
}

@Suite(.removesTemporaryFolders) struct ReferenceDataTests {
    @Test func importingACodeAgainUpdatesItAndADuplicateInOneFileIsAnError() throws {
        let store = try Fixtures.store()
        let folder = try Fixtures.temporaryFolder()
        let importer = Importer(store: store, settings: Fixtures.shanghai)
        try Fixtures.write("code,name,completion_date,handover_date,households_total\nT01,新名字,2024-02-29,,12\n",
                           to: folder + "/c.csv")
        #expect(try importer.run(.communities, file: folder + "/c.csv").rows == 1)
        let community = try store.read { try Community.fetchAll($0) }
        #expect(community.count == 1 && community.first?.name == "新名字" && community.first?.householdsTotal == 12)
        try Fixtures.write("code,name,deposit\nC1,甲,1\nC1,乙,2\n", to: folder + "/k.csv")
        #expect { try importer.run(.contractors, file: folder + "/k.csv") } throws: {
            ($0 as? ImportFailure)?.errors.map(\.description) == [folder + "/k.csv:3: code: 'C1' appears twice in this file"]
        }
        #expect(try store.read { try Contractor.fetchCount($0) } == 0)
    }
}

@Suite(.removesTemporaryFolders) struct PhoneImportTests {
    @Test func phonesAreStoredNormalised() throws {
        let store = try Fixtures.store()
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write("""
            code,community,building,unit,room,owner,phone,moved_in_on
            T01-1-102,T01,1,1,102,李四,+86 139-0000-0002,
            T01-1-103,T01,1,1,103,王五,（010）６５１２ ３４５６,
            T01-1-104,T01,1,1,104,赵六,,
            """, to: folder + "/h.csv")
        try Importer(store: store, settings: Fixtures.shanghai).run(.households, file: folder + "/h.csv")
        let phones = try store.read { try String.fetchAll($0, sql: "SELECT phone FROM households WHERE code > 'T01-1-101' ORDER BY code") }
        #expect(phones == ["13900000002", "01065123456", ""])
    }

    @Test func anImpossiblePhoneIsRefusedWithItsLineAndWithoutTheNumber() throws {
        let store = try Fixtures.store()
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write("""
            code,community,building,unit,room,owner,phone,moved_in_on
            T01-1-102,T01,1,1,102,李四,13900000002,
            T01-1-103,T01,1,1,103,王五,139000002,
            """, to: folder + "/h.csv")
        #expect { try Importer(store: store, settings: Fixtures.shanghai).run(.households, file: folder + "/h.csv") } throws: {
            let text = "\($0)"
            return text.hasPrefix(folder + "/h.csv:3: phone: has 9 digits starting with 1; a mobile has 11 digits") && !text.contains("139000002")
                && !text.contains("王五")
        }
        #expect(try store.read { try Household.fetchCount($0) } == 1)
    }
}
