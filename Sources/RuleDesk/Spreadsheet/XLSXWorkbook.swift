import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
