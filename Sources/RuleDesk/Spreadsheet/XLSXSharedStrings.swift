import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
