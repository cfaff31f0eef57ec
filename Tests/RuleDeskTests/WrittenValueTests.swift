import Foundation
import Testing
@testable import RuleDesk

@Suite struct WrittenValueTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test(arguments: [
        ("2026-03-05", "2026-03-05"), ("2026/3/5", "2026-03-05"), ("2026/03/05", "2026-03-05"), ("2026.3.5", "2026-03-05"),
        ("2026年3月5日", "2026-03-05"), ("2026年03月05日", "2026-03-05"), ("2026年3月5号", "2026-03-05"), ("2026年3月5", "2026-03-05"),
        ("２０２６／３／５", "2026-03-05"), (" 2026-3-5 ", "2026-03-05"), ("2024/2/29", "2024-02-29"),
    ])
    func datesAreAccepted(_ written: String, _ stored: String) {
        #expect(WrittenValue.date(written)?.description == stored)
    }

    @Test(arguments: ["2026-02-30", "2025/2/29", "2026/13/1", "26/3/5", "2026-3/5", "2026年3月", "3/5/2026", "2026-03-05 09:30", "today", ""])
    func notDatesAreRefused(_ written: String) {
        #expect(WrittenValue.date(written) == nil)
    }

    @Test(arguments: [
        ("2026/3/5 9:30", "2026-03-05T09:30:00+08:00"),
        ("2026-03-05 09:30:15", "2026-03-05T09:30:15+08:00"),
        ("2026年3月5日 9:30", "2026-03-05T09:30:00+08:00"),
        ("2026年3月5日9:30", "2026-03-05T09:30:00+08:00"),
        ("2026-03-05T09:30", "2026-03-05T09:30:00+08:00"),
        ("２０２６/３/５ ９：３０", "2026-03-05T09:30:00+08:00"),
        ("2026-03-05T09:30:00+08:00", "2026-03-05T09:30:00+08:00"),
        ("2026-03-05T01:30:00Z", "2026-03-05T09:30:00+08:00"),
        ("2026/3/5 1:30 +00:00", "2026-03-05T09:30:00+08:00"),
    ])
    func momentsWithoutAnOffsetAreInTheSitesZone(_ written: String, _ iso: String) throws {
        let moment = try #require(WrittenValue.moment(written, zone: Self.shanghai))
        #expect(moment.iso8601(in: Self.shanghai) == iso)
    }

    @Test func theSitesZoneDecides() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let moment = try #require(WrittenValue.moment("2026/7/1 9:30", zone: berlin))
        #expect(moment.iso8601(in: berlin) == "2026-07-01T09:30:00+02:00")
    }

    @Test(arguments: ["2026/3/5", "2026/3/5 25:00", "2026/3/5 9:3", "2026/3/5 9:30 later", "9:30", "2026-02-30 09:30"])
    func notMomentsAreRefused(_ written: String) {
        #expect(WrittenValue.moment(written, zone: Self.shanghai) == nil)
    }

    @Test(arguments: [
        ("1200", 1200.0), ("1,200.00", 1200), ("¥1200", 1200), ("￥1,200", 1200), ("１２００", 1200), ("１，２００．５０", 1200.5),
        ("1200元", 1200), ("¥ 1,234,567.89", 1_234_567.89), ("1000.01", 1000.01), ("0", 0), ("-5", -5),
    ])
    func amountsAreAccepted(_ written: String, _ amount: Double) {
        #expect(WrittenValue.amount(written) == amount)
    }

    @Test(arguments: ["1,20", "12,00.00", "1.2.3", "1200.", ".5", "¥", "1e3", "twelve", "1 200", "$1200", "1,2000"])
    func notAmountsAreRefused(_ written: String) {
        #expect(WrittenValue.amount(written) == nil)
    }

    @Test(arguments: [("true", true), ("FALSE", false), ("是", true), ("否", false), ("Y", true), ("n", false), ("1", true),
                      ("0", false), ("yes", true), ("No", false), ("Ｙ", true)])
    func booleansAreAccepted(_ written: String, _ flag: Bool) {
        #expect(WrittenValue.boolean(written) == flag)
    }

    @Test(arguments: ["maybe", "对", "2", "t"])
    func notBooleansAreRefused(_ written: String) {
        #expect(WrittenValue.boolean(written) == nil)
    }

    @Test func integers() {
        #expect(WrittenValue.integer("１２") == 12)
        #expect(WrittenValue.integer("1,200") == 1200)
        #expect(WrittenValue.integer("1.5") == nil)
        #expect(WrittenValue.integer("12.0") == nil)
        #expect(WrittenValue.integer("¥12") == nil)
    }
}
