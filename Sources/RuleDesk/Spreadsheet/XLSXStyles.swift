import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/styles.xml`: which cell styles (indexes into `cellXfs`) show numbers as dates, and which of those as times too.
struct XLSXStyles {
    enum Shown { case date, dateTime }

    private var shown: [Int: Shown] = [:]

    init() {}

    init(_ data: Data) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var formats: [Int: String] = [:]
            var styleFormats: [Int] = []
            var inCellXfs = false
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch localName(element) {
                case "numFmt":
                    if let id = attributes["numFmtId"].flatMap(Int.init) { formats[id] = attributes["formatCode"] ?? "" }
                case "cellXfs": inCellXfs = true
                case "xf" where inCellXfs: styleFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
                if localName(element) == "cellXfs" { inCellXfs = false }
            }
        }
        let delegate = Delegate()
        try parseXML(data, part: "xl/styles.xml", delegate: delegate)
        for (style, format) in delegate.styleFormats.enumerated() {
            if let kind = Self.shown(format: format, code: delegate.formats[format]) { shown[style] = kind }
        }
    }

    /// How cells of style `index` show a number: as a date, a date and time, or (nil) as a number.
    func shown(style index: Int) -> Shown? { shown[index] }

    /// Excel's built-in date formats (14–17, 22; 27–36 and 50–58 in Chinese and other East Asian locales) and
    /// custom codes with date letters outside quotes and brackets; times alone (18–21, 45–47) stay numbers.
    private static func shown(format: Int, code: String?) -> Shown? {
        switch format {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 22, 32, 33: return .dateTime
        default: break
        }
        guard let code else { return nil }
        var letters = "", quoted = false, bracketed = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": bracketed = true
            case "]": bracketed = false
            default: if !quoted && !bracketed { letters.append(c) }
            }
        }
        let hasDate = letters.contains("y") || letters.contains("d")
        guard hasDate else { return nil }
        return letters.contains("h") || letters.contains("s") ? .dateTime : .date
    }
}
