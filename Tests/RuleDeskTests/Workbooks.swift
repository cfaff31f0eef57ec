import Foundation
import ZIPFoundation

/// Workbooks built part by part, as other programs write them: shared strings, styles, prefixes, the 1904 system.
enum Workbooks {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A zip archive of `parts` (path → XML).
    static func zip(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                bytes.subdata(in: Int($0)..<Int($0) + $1)
            }
        }
        return archive.data!
    }

    /// A workbook with `sheets` (name → sheetData rows XML), shared strings, and `styles` (cellXfs and numFmts XML).
    static func make(sheets: [(String, String)], shared: [String] = [], styles: String? = nil, date1904: Bool = false) throws -> Data {
        var parts: [String: String] = [:]
        var sheetList = "", rels = ""
        for (index, (name, rows)) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
            parts["xl/worksheets/sheet\(index + 1).xml"] = "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
        }
        parts["xl/workbook.xml"] = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + (date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>\(sheetList)</sheets></workbook>"
        parts["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"
        if !shared.isEmpty {
            parts["xl/sharedStrings.xml"] = "<sst xmlns=\"\(main)\">" + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        }
        if let styles { parts["xl/styles.xml"] = "<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>" }
        parts["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
        return try zip(parts)
    }
}
