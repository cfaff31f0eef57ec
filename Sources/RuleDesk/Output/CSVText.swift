/// CSV as Excel and programs read it (RFC 4180): fields quoted only when they hold a comma, a quote or a line break.
public enum CSVText {
    /// One field, quoted where it needs it.
    public static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One line of fields.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
