import CZstd
import Foundation

/// A decision's results and trace as the batch writes them (JSON text), and their stored form: one Zstandard frame of
/// both texts one after the other, compressed against the dictionary of the rule version they were decided under.
///
/// A version's dictionary is the text of its first decisions (``dictionary(of:)``), kept in `decision_versions`
/// beside the version: the decisions of one version share nearly all their keys and most of their sentences, so a
/// decision is stored in about a tenth of its text. Decompressing gives the texts written, byte for byte.
public struct DecisionTexts: Equatable, Sendable {
    /// The results object, as ``Decision/resultsJSON``.
    public let results: String
    /// The trace object, as ``Decision/traceJSON``.
    public let trace: String

    /// The texts of a decision.
    public init(results: String, trace: String) {
        self.results = results
        self.trace = trace
    }

    /// How many bytes of decisions, at most, make a version's dictionary.
    static let dictionaryBytes = 32 * 1024

    /// The dictionary made of `first`, the first decisions under a version: their texts, whole, while they fit in
    /// ``dictionaryBytes`` (the first one at least, cut to fit).
    static func dictionary(of first: [DecisionTexts]) -> Data {
        var dictionary = Data()
        for texts in first {
            let bytes = Data((texts.results + texts.trace).utf8)
            guard dictionary.count + bytes.count <= dictionaryBytes else {
                if dictionary.isEmpty { dictionary = bytes.prefix(dictionaryBytes) }
                break
            }
            dictionary += bytes
        }
        return dictionary
    }
}

/// Why a stored decision cannot be read back.
public struct DecisionTextsError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    init(_ code: Int) {
        message = "a stored decision cannot be read back: " + String(cString: ZSTD_getErrorName(code))
    }

    init(message: String) {
        self.message = message
    }
}

/// A rule version's dictionary, prepared once for compressing: read-only, so every thread that compresses may share
/// it.
final class DecisionDictionary: @unchecked Sendable {
    /// The dictionary's bytes, as `decision_versions` keeps them.
    let bytes: Data
    fileprivate let prepared: OpaquePointer

    /// Zstandard's level: the default, fast; higher levels gained a few percent for several times the time.
    private static let level: Int32 = 3

    init(_ bytes: Data) {
        self.bytes = bytes
        prepared = bytes.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, Self.level) }
    }

    /// The dictionary made of `first`, the first decisions under a version (``DecisionTexts/dictionary(of:)``).
    convenience init(first: [DecisionTexts]) {
        self.init(DecisionTexts.dictionary(of: first))
    }

    deinit { ZSTD_freeCDict(prepared) }
}

/// A decision's stored form (``DecisionTexts``), with the dictionary it was compressed against.
struct CompressedTexts: Sendable {
    let frame: Data
    let dictionary: DecisionDictionary
}

/// Compresses decisions against their version's dictionary: a Zstandard context and a buffer of its own, so one per
/// thread (a context is not thread-safe); the same texts and dictionary give the same frame on any of them.
final class DecisionCompressor {
    private let context: OpaquePointer
    /// The results followed by the trace, the frame's source, reused from one decision to the next.
    private var source: [UInt8] = []
    private var output: [UInt8] = []

    init() {
        context = ZSTD_createCCtx()
    }

    deinit { ZSTD_freeCCtx(context) }

    /// The stored form of `texts`: one frame of the results followed by the trace.
    func compress(_ texts: DecisionTexts, with dictionary: DecisionDictionary) throws -> Data {
        source.removeAll(keepingCapacity: true)
        source.append(contentsOf: texts.results.utf8)
        source.append(contentsOf: texts.trace.utf8)
        let bound = ZSTD_compressBound(source.count)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let size = source.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { output in
                ZSTD_compress_usingCDict(context, output.baseAddress, output.count, input.baseAddress, input.count,
                                         dictionary.prepared)
            }
        }
        guard ZSTD_isError(size) == 0 else { throw DecisionTextsError(size) }
        return Data(output[..<size])
    }
}

/// Reads back the decisions of one rule version with its dictionary, prepared once.
final class DecisionDecompressor {
    private let context: OpaquePointer
    private let prepared: OpaquePointer

    init(dictionary: Data) {
        context = ZSTD_createDCtx()
        prepared = dictionary.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }
    }

    deinit {
        ZSTD_freeDDict(prepared)
        ZSTD_freeDCtx(context)
    }

    /// The texts of `frame`, whose first `resultsBytes` bytes are the results.
    func decompress(_ frame: Data, resultsBytes: Int) throws -> DecisionTexts {
        let size = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size >= resultsBytes, resultsBytes >= 0,
              size <= UInt64(Int32.max) else {
            throw DecisionTextsError(message: "a stored decision cannot be read back: its frame is damaged")
        }
        var source = Data(count: Int(size))
        let written = frame.withUnsafeBytes { input in
            source.withUnsafeMutableBytes { output in
                ZSTD_decompress_usingDDict(context, output.baseAddress, output.count, input.baseAddress, input.count, prepared)
            }
        }
        guard ZSTD_isError(written) == 0 else { throw DecisionTextsError(written) }
        guard written == source.count,
              let results = String(data: source.prefix(resultsBytes), encoding: .utf8),
              let trace = String(data: source.dropFirst(resultsBytes), encoding: .utf8) else {
            throw DecisionTextsError(message: "a stored decision cannot be read back: its texts are not UTF-8")
        }
        return DecisionTexts(results: results, trace: trace)
    }
}
