import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs `XMLParser` over `data` with `delegate`, turning a parse error into a ``SpreadsheetError`` naming `part`.
func parseXML(_ data: Data, part: String, delegate: some XMLParserDelegate) throws {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    guard parser.parse() else {
        throw SpreadsheetError("the workbook's \(part) is not well-formed XML (line \(parser.lineNumber)); the file may be damaged")
    }
}

/// `xl/workbook.xml`: the sheets' names and relationship ids, and the date system.
struct XLSXWorkbook {
    struct Sheet {
        let name: String
        let relationship: String
    }

    let sheets: [Sheet]
    let date1904: Bool

    init(_ data: Data) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var sheets: [Sheet] = []
            var date1904 = false
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch localName(element) {
                case "sheet":
                    let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
                    sheets.append(Sheet(name: attributes["name"] ?? "", relationship: id))
                case "workbookPr":
                    date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
                default: break
                }
            }
        }
        let delegate = Delegate()
        try parseXML(data, part: "xl/workbook.xml", delegate: delegate)
        sheets = delegate.sheets
        date1904 = delegate.date1904
    }
}

/// `xl/_rels/workbook.xml.rels`: where each relationship id's part is.
struct XLSXRelationships {
    private var targets: [String: String] = [:]

    init() {}

    init(_ data: Data) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var targets: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if localName(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
            }
        }
        let delegate = Delegate()
        try parseXML(data, part: "xl/_rels/workbook.xml.rels", delegate: delegate)
        targets = delegate.targets
    }

    /// The part's path in the package: targets are relative to `xl/`, or absolute from the root.
    func path(of id: String) -> String? {
        guard let target = targets[id] else { return nil }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
}

/// `xl/sharedStrings.xml`: the strings cells of type `s` point at, rich text joined, phonetic guides left out.
enum XLSXSharedStrings {
    static func read(_ data: Data) throws -> [String] {
        final class Delegate: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current = "", inText = false, inPhonetic = false
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch localName(element) {
                case "si": current = ""
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
                switch localName(element) {
                case "si": strings.append(XMLText.unescapedControls(current))
                case "t": inText = false
                case "rPh": inPhonetic = false
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { current += string }
            }
        }
        let delegate = Delegate()
        try parseXML(data, part: "xl/sharedStrings.xml", delegate: delegate)
        return delegate.strings
    }
}

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
