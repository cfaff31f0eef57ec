import Testing
import RuleDesk

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("13800000010", "13800000010"),
        ("138 0000 0010", "13800000010"),
        ("138-0000-0010", "13800000010"),
        ("+86 138 0000 0010", "13800000010"),
        ("+86-13800000010", "13800000010"),
        ("8613800000010", "13800000010"),
        ("0086 138 0000 0010", "13800000010"),
        ("１３８００００００１０", "13800000010"),
        ("＋８６　１３８－００００－００１０", "13800000010"),
        ("(010) 6512-3456", "01065123456"),
        ("（010）65123456", "01065123456"),
        ("0755-8888 1234", "075588881234"),
        ("0571-8765432", "05718765432"),
        ("+86 10 6512 3456", "01065123456"),
        ("+86 (0)10 6512 3456", "01065123456"),
        ("65123456", "65123456"),
        ("6512345", "6512345"),
        ("86123456", "86123456"),
        ("  13800000010  ", "13800000010"),
    ])
    func acceptsAndNormalises(_ written: String, _ stored: String) {
        #expect(PhoneNumber.normalised(written) == stored)
        #expect(PhoneNumber.problem(written) == nil)
    }

    @Test(arguments: [
        ("138000000", "has 9 digits starting with 1;"),
        ("1380000001", "has 10 digits starting with 1"),
        ("138000000100", "has 12 digits starting with 1"),
        ("123456", "has 6 digits"),
        ("010123456", "has 9 digits"),
        ("0101234567890", "has 13 digits"),
        ("+1 415 555 0100", "has a country code other than +86"),
        ("138-0000-001O", "has characters other than digits"),
        ("tel 13800000010", "has characters other than digits"),
        ("", "is empty"),
        ("   ", "is empty"),
    ])
    func refusesWithoutRepeatingTheNumber(_ written: String, _ problem: String) throws {
        #expect(PhoneNumber.normalised(written) == nil)
        let texts = try #require(PhoneNumber.problem(written)).texts
        #expect(texts.en.hasPrefix(problem), "\(texts.en)")
        let digits = written.filter(\.isNumber)
        if digits.count >= 4 { #expect(!texts.en.contains(digits) && !texts.zh.contains(digits)) }
    }

    @Test func fullWidthFormsFold() {
        #expect(HalfWidth.folded("ＫＦ－２０２６－０００１４") == "KF-2026-00014")
        #expect(HalfWidth.folded("１，２００．００") == "1,200.00")
        #expect(HalfWidth.folded("小区　Ａ") == "小区 A")
        #expect(HalfWidth.folded("plain") == "plain")
    }
}
