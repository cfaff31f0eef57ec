/// A text a clerk reads, in every language of ``Language``: the catalogue is the folder `Messages/`, one enum of
/// messages per concern (``ConsoleMessage``, …), each case a typed key with its arguments.
///
/// A message cannot miss a language: ``Bilingual`` has no default for either text, so a case without its Chinese
/// (or English) does not compile, and `MessageCatalogueTests` checks that each language's text reads as that
/// language. To add a message, add a case to its concern's enum and its two texts to `texts`, then an example of
/// it to `examples`:
///
/// ```swift
/// public enum ConsoleMessage: ClerkMessage {
///     case noTicket(String)
///
///     public var texts: Bilingual {
///         switch self {
///         case .noTicket(let number): Bilingual(en: "no ticket \(number)", zh: "没有工单 \(number)")
///         }
///     }
///
///     public static let examples: [ConsoleMessage] = [.noTicket("KF-2026-000001")]
/// }
///
/// ConsoleMessage.noTicket("KF-2026-000001").text(in: .zh)   // "没有工单 KF-2026-000001"
/// ```
///
/// A new concern's enum goes into `MessageCatalogueTests.catalogue` too.
public protocol ClerkMessage: Sendable {
    /// The message in each language.
    var texts: Bilingual { get }

    /// At least one value of every case, with ASCII arguments: what the catalogue's test reads.
    static var examples: [Self] { get }
}

extension ClerkMessage {
    /// The message in `language`.
    public func text(in language: Language) -> String { texts[language] }
}

/// One message's text in English and in Chinese; both are required.
public struct Bilingual: Sendable, Equatable {
    public let en: String
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        }
    }
}
