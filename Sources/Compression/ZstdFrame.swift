import CZstd

/// One-shot zstd frames for request bodies (the forwarder's HTTPS batches).
///
/// Named apart from the Parquet side's `Zstd` so both can live in this target.
public enum ZstdFrame {
    /// Compresses `input` into one zstd frame (content size recorded in the header).
    public static func compress(_ input: [UInt8], level: Int32 = 3) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let n = out.withUnsafeMutableBytes { o in
            input.withUnsafeBytes { i in ZSTD_compress(o.baseAddress, bound, i.baseAddress, i.count, level) }
        }
        // Compression into a buffer of compressBound bytes cannot fail short of a bad level.
        precondition(ZSTD_isError(n) == 0, "ZSTD_compress: \(String(cString: ZSTD_getErrorName(n)))")
        out.removeLast(bound - n)
        return out
    }

    /// Decompresses one frame whose header records its size; nil when it is not a valid
    /// frame or would exceed `maxBytes`.
    public static func decompress(_ input: [UInt8], maxBytes: Int = 64 << 20) -> [UInt8]? {
        let size = input.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // Unknown (all ones) and error (all ones minus one) sizes are both above any sane limit.
        guard size <= UInt64(maxBytes) else { return nil }
        var out = [UInt8](repeating: 0, count: Int(size))
        let n = out.withUnsafeMutableBytes { o in
            input.withUnsafeBytes { i in ZSTD_decompress(o.baseAddress, o.count, i.baseAddress, i.count) }
        }
        guard ZSTD_isError(n) == 0, n == Int(size) else { return nil }
        return out
    }
}
