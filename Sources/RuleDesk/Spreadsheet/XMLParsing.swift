import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs `XMLParser` over `data` with `delegate`, turning a parse error into a ``SpreadsheetError`` naming `part`.
func parseXML(_ data: Data, part: String, delegate: some XMLParserDelegate) throws {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    // Foundation's parser on Linux can return true after an error (a mismatched tag), with the error kept.
    guard parser.parse(), parser.parserError == nil else {
        throw SpreadsheetError(en: "the workbook's \(part) is not well-formed XML (line \(parser.lineNumber)); the file may be damaged",
                               zh: "工作簿的 \(part) 不是格式正确的 XML(第 \(parser.lineNumber) 行);文件可能已损坏")
    }
}

/// An element's name without its namespace prefix (`x:row` is `row`).
func localName(_ element: String) -> Substring {
    guard let colon = element.lastIndex(of: ":") else { return Substring(element) }
    return element[element.index(after: colon)...]
}
