import Foundation

/// The character set the console reads and shows the terminal in. libedit decodes typed bytes with the
/// process's LC_CTYPE, which starts as "C" (ASCII only: Chinese is dropped) until the program adopts the user's.
enum TerminalLocale {
    /// Adopts the user's locale for characters (LC_ALL, LC_CTYPE or LANG); when that locale is UTF-8 but not
    /// installed (zh_CN.UTF-8 on a fresh machine), C.UTF-8. Returns a warning when the result is not UTF-8.
    static func adopt(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : (name, $0) }
        }.first
        if setlocale(LC_CTYPE, "") == nil, let asked, isUTF8(asked.1) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard !isUTF8(String(cString: nl_langinfo(nl_item(CODESET)))) else { return nil }
        let setting = asked.map { "\($0.0)=\($0.1)" } ?? "no LANG set"
        return "the terminal's locale (\(setting)) is not UTF-8, so Chinese typed here is lost; "
            + "start the console with LANG=C.UTF-8"
    }

    private static func isUTF8(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
