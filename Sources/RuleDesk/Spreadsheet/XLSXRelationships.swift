import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
