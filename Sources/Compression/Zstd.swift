import CZstd

/// A zstd failure, carrying libzstd's own error name (`ZSTD_getErrorName`).
public struct ZstdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The size_t error code libzstd returned (0 for errors this wrapper raises itself).
    public var code: Int
    /// libzstd's name for the error, or this wrapper's message.
    public var name: String

    public init(code: Int, name: String) { self.code = code; self.name = name }

    public var description: String { "zstd: \(name)" }

    /// Maps a size_t result to an error when `ZSTD_isError` says it is one.
    static func check(_ r: Int) throws(ZstdError) -> Int {
        if ZSTD_isError(r) != 0 {
            throw ZstdError(code: r, name: String(cString: ZSTD_getErrorName(r)))
        }
        return r
    }
}

/// One-shot zstd compression and decompression of byte buffers.
public enum Zstd {
    /// zstd's own default level: a good speed/size balance for pages and HTTP bodies.
    public static let defaultLevel: Int32 = 3

    /// Compresses `bytes` into one zstd frame (with the content size in its header).
    public static func compress(_ bytes: UnsafeRawBufferPointer, level: Int32 = defaultLevel) throws(ZstdError) -> [UInt8] {
        try ZstdCompressor(level: level).compress(bytes)
    }

    /// Compresses `bytes` into one zstd frame.
    public static func compress(_ bytes: some Collection<UInt8>, level: Int32 = defaultLevel) throws(ZstdError) -> [UInt8] {
        try withBytes(bytes) { raw in Result { () throws(ZstdError) in try ZstdCompressor(level: level).compress(raw) } }
    }

    /// Decompresses one or more concatenated zstd frames; throws if the output would exceed `maxSize`.
    public static func decompress(_ bytes: UnsafeRawBufferPointer, maxSize: Int) throws(ZstdError) -> [UInt8] {
        try decompressRaw(bytes, maxSize: maxSize)
    }

    private static func decompressRaw(_ bytes: UnsafeRawBufferPointer, maxSize: Int) throws(ZstdError) -> [UInt8] {
        let d = ZstdDecompressor(maxSize: maxSize)
        let out = try d.feed(bytes)
        try d.finish()
        return out
    }

    /// Decompresses one or more concatenated zstd frames; throws if the output would exceed `maxSize`.
    public static func decompress(_ bytes: some Collection<UInt8>, maxSize: Int) throws(ZstdError) -> [UInt8] {
        try withBytes(bytes) { raw in Result { () throws(ZstdError) in try decompressRaw(raw, maxSize: maxSize) } }
    }

    /// Lends the bytes contiguously, copying only when the collection is not contiguous already.
    static func withBytes<R>(_ bytes: some Collection<UInt8>,
                             _ body: (UnsafeRawBufferPointer) -> Result<R, ZstdError>) throws(ZstdError) -> R {
        if let r = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return try r.get() }
        return try Array(bytes).withUnsafeBytes { body($0) }.get()
    }
}

/// A reusable compression context: cheaper than `Zstd.compress` when compressing many pages.
///
/// Owns a `ZSTD_CCtx`; use it from one thread at a time.
public final class ZstdCompressor {
    private let ctx: OpaquePointer
    public let level: Int32

    public init(level: Int32 = Zstd.defaultLevel) {
        // ZSTD_createCCtx fails only when malloc does.
        ctx = ZSTD_createCCtx()!
        self.level = level
        _ = ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level)
    }

    /// Output space reused across calls, so each page costs one memcpy into the caller's array.
    private var scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

    deinit {
        ZSTD_freeCCtx(ctx)
        scratch.deallocate()
    }

    /// Compresses `src` into a fresh array.
    public func compress(_ src: UnsafeRawBufferPointer) throws(ZstdError) -> [UInt8] {
        var out: [UInt8] = []
        try compress(src, appendingTo: &out)
        return out
    }

    /// Compresses `src` and appends the frame to `out`; returns the number of bytes appended.
    @discardableResult
    public func compress(_ src: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) throws(ZstdError) -> Int {
        let bound = ZSTD_compressBound(src.count)
        if scratch.count < bound {
            scratch.deallocate()
            scratch = .allocate(byteCount: max(bound, 2 * scratch.count), alignment: 16)
        }
        let written = try ZstdError.check(ZSTD_compress2(ctx, scratch.baseAddress, bound, src.baseAddress, src.count))
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<written]))
        return written
    }
}

@available(*, unavailable)
extension ZstdCompressor: Sendable {}

/// Streaming decompression: feed compressed chunks as they arrive, get decompressed bytes back.
///
/// Enforces `maxSize` over the whole stream, so a small hostile body cannot expand without bound.
public final class ZstdDecompressor {
    private let ctx: OpaquePointer
    public let maxSize: Int
    /// Decompressed bytes produced so far.
    public private(set) var produced = 0
    /// What the last `ZSTD_decompressStream` returned: 0 when a frame ended exactly.
    private var lastHint = 0
    private var fedAny = false

    public init(maxSize: Int) {
        ctx = ZSTD_createDCtx()!
        self.maxSize = maxSize
    }

    private let step = ZSTD_DStreamOutSize()
    private lazy var window = UnsafeMutableRawBufferPointer.allocate(byteCount: step, alignment: 16)

    deinit {
        ZSTD_freeDCtx(ctx)
        window.deallocate()
    }

    /// Decompresses what `chunk` completes and returns it.
    public func feed(_ chunk: UnsafeRawBufferPointer) throws(ZstdError) -> [UInt8] { try feedRaw(chunk) }

    private func feedRaw(_ chunk: UnsafeRawBufferPointer) throws(ZstdError) -> [UInt8] {
        var out: [UInt8] = []
        guard chunk.count > 0 else { return out }
        fedAny = true
        var input = ZSTD_inBuffer(src: chunk.baseAddress, size: chunk.count, pos: 0)
        while true {
            var output = ZSTD_outBuffer(dst: window.baseAddress, size: step, pos: 0)
            let r = ZSTD_decompressStream(ctx, &output, &input)
            lastHint = try ZstdError.check(r)
            let got = output.pos
            produced += got
            if produced > maxSize {
                throw ZstdError(code: 0, name: "decompressed data exceeds the limit of \(maxSize) bytes")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: window[0..<got]))
            // Done when the input is consumed and the output window was not filled (nothing left buffered).
            if input.pos == input.size && got < step { break }
        }
        return out
    }

    /// Decompresses one chunk given as any byte collection.
    public func feed(_ chunk: some Collection<UInt8>) throws(ZstdError) -> [UInt8] {
        try Zstd.withBytes(chunk) { raw in Result { () throws(ZstdError) in try feedRaw(raw) } }
    }

    /// Checks that the input ended on a frame boundary (not empty, not truncated).
    public func finish() throws(ZstdError) {
        guard fedAny else { throw ZstdError(code: 0, name: "empty input is not a zstd frame") }
        guard lastHint == 0 else { throw ZstdError(code: 0, name: "truncated zstd stream") }
    }
}

@available(*, unavailable)
extension ZstdDecompressor: Sendable {}
