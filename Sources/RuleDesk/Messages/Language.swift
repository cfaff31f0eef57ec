import Foundation

/// The language a clerk reads: English or Chinese. Programs' output (JSON, CSV headers) and the developers'
/// `--help` stay English whatever it is.
///
/// ```swift
/// let language = Language.choose(nil)                       // LANG=zh_CN.UTF-8 → .zh
/// ConsoleMessage.banner.text(in: language)                   // "ruledesk 控制台 — …"
/// ```
public enum Language: String, CaseIterable, Sendable {
    case en, zh

    /// `option` (`--lang`) when given; else the locale of messages, the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set (POSIX's order): Chinese when it starts with `zh` (`zh_CN.UTF-8`, `zh_TW`), else English.
    public static func choose(_ option: Language?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let option { return option }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale?.lowercased().hasPrefix("zh") == true ? .zh : .en
    }
}
