import CZstd

/// Decompresses zstd data (one or more concatenated frames) with a hard cap on the output,
/// for request bodies sent with `Content-Encoding: zstd`.
///
/// Streaming decompression is used on purpose: a frame header may omit the content size or
/// lie about it, so the cap is enforced on what is actually produced (a "zip bomb" stops at
/// `maxSize + 1` bytes, never allocates more).
public enum ZstdFrameDecoder {
    /// Why a body could not be decompressed.
    public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The output would exceed `maxSize` bytes.
        case tooLarge(maxSize: Int)
        /// Not zstd, corrupt, or cut short; the message is zstd's own.
        case corrupt(String)

        public var description: String {
            switch self {
            case .tooLarge(let max): return "decompressed data is larger than \(max) bytes"
            case .corrupt(let why): return "invalid zstd data: \(why)"
            }
        }
    }

    /// The decompressed bytes of `input`; throws when they exceed `maxSize` or the data is invalid.
    public static func decompress(_ input: [UInt8], maxSize: Int) throws(DecodeError) -> [UInt8] {
        guard !input.isEmpty else { throw .corrupt("empty input") }
        guard let dctx = ZSTD_createDCtx() else { throw .corrupt("cannot allocate a decompression context") }
        defer { ZSTD_freeDCtx(dctx) }

        var output: [UInt8] = []
        let chunk = ZSTD_DStreamOutSize()
        var scratch = [UInt8](repeating: 0, count: chunk)
        var lastHint = 0
        let result: DecodeError? = input.withUnsafeBytes { (src: UnsafeRawBufferPointer) -> DecodeError? in
            var inBuf = ZSTD_inBuffer(src: src.baseAddress, size: src.count, pos: 0)
            while true {
                let (hint, produced) = scratch.withUnsafeMutableBytes { dst -> (Int, Int) in
                    var outBuf = ZSTD_outBuffer(dst: dst.baseAddress, size: dst.count, pos: 0)
                    let r = ZSTD_decompressStream(dctx, &outBuf, &inBuf)
                    return (r, outBuf.pos)
                }
                if ZSTD_isError(hint) != 0 {
                    return .corrupt(String(cString: ZSTD_getErrorName(hint)))
                }
                if output.count + produced > maxSize { return .tooLarge(maxSize: maxSize) }
                output.append(contentsOf: scratch[0..<produced])
                lastHint = hint
                // Done when all input is read and the decoder has nothing buffered
                // (a full output chunk may mean more is pending, so loop once more then).
                if inBuf.pos == inBuf.size && produced < chunk { break }
            }
            return nil
        }
        if let result { throw result }
        // A non-zero hint after all input was consumed means the last frame is incomplete.
        guard lastHint == 0 else { throw .corrupt("truncated frame") }
        return output
    }
}
