import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GB18030 bytes as text, through the C library's `iconv` (glibc's converter: the whole of GB18030-2005, so GBK
/// and GB2312 too).
enum GB18030 {
    /// Where the bytes stop being GB18030: the offset of the first byte that is not.
    struct Unreadable: Error {
        let offset: Int
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Unreadable> {
        guard !bytes.isEmpty else { return .success("") }
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return .failure(Unreadable(offset: 0)) }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)   // 2 bytes become at most 3, 4 at most 4
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                inBuffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: inBuffer.count) { inStart in
                    outBuffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: outBuffer.count) { outStart in
                        var inPointer: UnsafeMutablePointer<CChar>? = inStart
                        var outPointer: UnsafeMutablePointer<CChar>? = outStart
                        var inLeft = inBuffer.count, outLeft = outBuffer.count
                        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                        // A failure is told by the offset where it stopped, as -offset - 1.
                        guard result != -1, inLeft == 0 else { return -(inBuffer.count - inLeft) - 1 }
                        return outBuffer.count - outLeft
                    }
                }
            }
        }
        guard produced >= 0 else { return .failure(Unreadable(offset: -produced - 1)) }
        return .success(String(decoding: output[..<produced], as: UTF8.self))
    }
}
