import Testing
@testable import RuleDesk

/// The clerk-facing messages: every one in both languages, each reading as its language; and which language a
/// clerk gets.
@Suite struct MessageCatalogueTests {
    /// Every concern's messages, by their examples. A new enum of messages goes here.
    static let catalogue: [(concern: String, messages: [any ClerkMessage])] = [
        ("ConsoleMessage", ConsoleMessage.examples),
        ("VocabularyMessage", VocabularyMessage.examples),
        ("LifecycleMessage", LifecycleMessage.examples),
        ("EventRefusal", EventRefusal.examples),
        ("ImportMessage", ImportMessage.examples),
        ("ProgressMessage", ProgressMessage.examples),
    ]

    @Test(arguments: catalogue.map(\.concern))
    func everyMessageIsInBothLanguagesAndReadsAsThatLanguage(concern: String) throws {
        let messages = try #require(Self.catalogue.first { $0.concern == concern }).messages
        #expect(!messages.isEmpty, "\(concern) has no examples")
        for message in messages {
            let english = message.text(in: .en), chinese = message.text(in: .zh)
            #expect(!english.isEmpty && !chinese.isEmpty, "\(message)")
            #expect(!english.unicodeScalars.contains(where: Self.isHan), "the English of \(message) has Chinese: \(english)")
            #expect(chinese.unicodeScalars.contains(where: Self.isHan), "the Chinese of \(message) is not Chinese: \(chinese)")
        }
    }

    @Test func theOptionWinsThenTheLocaleOfMessages() {
        #expect(Language.choose(.en, environment: ["LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.choose(.zh, environment: [:]) == .zh)
        #expect(Language.choose(nil, environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.choose(nil, environment: ["LANG": "zh_TW"]) == .zh)
        #expect(Language.choose(nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.choose(nil, environment: ["LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"]) == .zh)
        #expect(Language.choose(nil, environment: ["LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.choose(nil, environment: [:]) == .en)
    }

    @Test func aMessageShowsItsArgumentsInBothLanguages() {
        #expect(ConsoleMessage.unknownCommand(".x").text(in: .en) == "unknown command .x; .help lists them")
        #expect(ConsoleMessage.unknownCommand(".x").text(in: .zh) == "没有命令 .x;输入 .help 查看全部命令")
        #expect(ConsoleMessage.failedLine(3, "boom").text(in: .zh) == "第 3 行:boom")
    }

    /// CJK Unified Ideographs (and extension A): the characters of Chinese words.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }
}
