import Foundation

/// How the bytes of a CSV file are read as text: UTF-8 (with or without a byte-order mark), or GB18030, the
/// national standard that contains GBK and GB2312 and that Chinese Excel saves CSV in by default.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case gb18030

    /// `utf-8`/`utf8`, `gb18030`, or `gbk`/`gb2312` (read as GB18030, which contains both), in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// `data` as text in `encoding`, or — when none is given — as UTF-8 when it has a byte-order mark or is valid
    /// UTF-8, else as GB18030. A byte-order mark is dropped. An error names the first line that cannot be read.
    static func decode(_ data: Data, as encoding: TextEncoding?, path: String) throws -> (text: String, encoding: TextEncoding) {
        let bytes = [UInt8](data)
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let body = bytes[(hasBOM ? 3 : 0)...]
        if encoding == .utf8 || hasBOM || (encoding == nil && String(validating: body, as: UTF8.self) != nil) {
            guard let text = String(validating: body, as: UTF8.self) else {
                throw unreadable(bytes, at: firstInvalidUTF8(body), path: path, .notUTF8)
            }
            return (text, .utf8)
        }
        switch GB18030.decode(bytes) {
        case .success(let text): return (text, .gb18030)
        case .failure(let failure):
            throw unreadable(bytes, at: failure.offset, path: path, .notGB18030(detected: encoding == nil))
        }
    }

    private static func unreadable(_ bytes: [UInt8], at offset: Int, path: String, _ problem: ImportMessage) -> ImportError {
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return ImportError(file: path, line: line, column: nil, problem: problem)
    }

    /// The offset of the start of the first line that is not valid UTF-8.
    private static func firstInvalidUTF8(_ body: ArraySlice<UInt8>) -> Int {
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        where String(validating: line, as: UTF8.self) == nil {
            return line.startIndex
        }
        return body.endIndex
    }
}
