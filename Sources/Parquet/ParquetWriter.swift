import Compression
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of a `ParquetWriter`.
public struct ParquetWriterOptions: Sendable {
    /// Rows per row group (the unit engines skip using statistics).
    public var rowGroupSize: Int = 128 * 1024
    /// Target uncompressed size of a data page.
    public var pageSize: Int = 1 << 20
    /// At most this many rows per data page (keeps page statistics selective).
    public var pageRowLimit: Int = 20_000
    /// A dictionary larger than this falls back to PLAIN for the chunk.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// zstd level for pages; nil writes uncompressed pages.
    public var zstdLevel: Int32? = Zstd.defaultLevel
    /// Statistics min/max are left out for a byte array value longer than this (as parquet-cpp does).
    public var maxStatisticsSize: Int = 4096
    /// Recorded in the footer's `created_by`.
    public var createdBy: String = "corridor-parquet version 1.0.0 (build corridor)"
    /// Key/value pairs stored in the footer.
    public var metadata: [(key: String, value: String)] = []
    /// fsync the file before `close()` returns.
    public var fsync: Bool = false

    public init() {}
}

/// What `ParquetWriter.close()` wrote.
public struct ParquetFileSummary: Sendable, Equatable {
    public var rows: Int
    public var rowGroups: Int
    public var bytes: Int64
}

/// Writes one Parquet file (format 2, data page v1) from column batches.
///
/// Rows are buffered per column until `rowGroupSize` is reached, then encoded as one row group:
/// per column a dictionary page when it pays, data pages with RLE definition levels, zstd, and
/// min/max/null-count statistics on pages and chunks. Not thread-safe; one writer per file.
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions
    private let sink: FileSink
    private var buffers: [ColumnBuffer]
    private var rowGroups: [RowGroupMeta] = []
    private var totalRows = 0
    private var closed = false
    private let compressor: ZstdCompressor?
    private var scratch: [UInt8] = []
    private var compressed: [UInt8] = []

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String, schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ParquetError("cannot create \(path)", errno: errno) }
        try self.init(sink: FileSink(fd: fd, ownsFD: true), schema: schema, options: options)
    }

    /// Writes to an open file descriptor (at its current offset, which must be 0); does not close it.
    public convenience init(fileDescriptor: Int32, schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws {
        try self.init(sink: FileSink(fd: fileDescriptor, ownsFD: false), schema: schema, options: options)
    }

    private init(sink: FileSink, schema: ParquetSchema, options: ParquetWriterOptions) throws {
        guard !schema.columns.isEmpty else { throw ParquetError("a schema needs at least one column") }
        guard options.rowGroupSize > 0, options.pageRowLimit > 0 else { throw ParquetError("row group and page sizes must be positive") }
        var names = Set<String>()
        for c in schema.columns {
            guard !c.name.isEmpty, names.insert(c.name).inserted else { throw ParquetError("column names must be unique and non-empty: \(c.name)") }
            switch (c.physicalType, c.logicalType) {
            case (_, .none), (.byteArray, .string), (.byteArray, .json), (.int64, .timestampMillisUTC): break
            default: throw ParquetError("column \(c.name): \(c.logicalType) does not apply to \(c.physicalType)")
            }
        }
        self.sink = sink
        self.schema = schema
        self.options = options
        self.buffers = schema.columns.map { ColumnBuffer(column: $0) }
        self.compressor = options.zstdLevel.map { ZstdCompressor(level: $0) }
        try sink.write(Array("PAR1".utf8))
    }

    /// Appends rows given column by column (same order and count as the schema, equal lengths).
    public func write(_ columns: [ColumnValues]) throws {
        try write(batches: columns.map { .values($0) })
    }

    /// Appends rows given column by column, byte-array columns possibly as `ByteArrayColumn`.
    public func write(batches columns: [ColumnBatch]) throws {
        guard !closed else { throw ParquetError("writer is closed") }
        guard columns.count == buffers.count else {
            throw ParquetError("batch has \(columns.count) columns, schema has \(buffers.count)")
        }
        let n = columns.first?.count ?? 0
        for (i, c) in columns.enumerated() where c.count != n {
            throw ParquetError("column \(schema.columns[i].name) has \(c.count) values, expected \(n)")
        }
        var start = 0
        while start < n {
            let take = min(n - start, options.rowGroupSize - buffers[0].rows)
            for i in buffers.indices { try buffers[i].append(columns[i], range: start..<(start + take)) }
            start += take
            if buffers[0].rows >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// Writes the last row group and the footer; returns what the file holds.
    @discardableResult
    public func close() throws -> ParquetFileSummary {
        guard !closed else { throw ParquetError("writer is closed") }
        if buffers[0].rows > 0 { try flushRowGroup() }
        closed = true
        let footer = Footer.fileMetaData(schema: schema, rowGroups: rowGroups, numRows: totalRows, options: options)
        try sink.write(footer)
        let len = UInt32(footer.count)
        try sink.write([UInt8(len & 0xFF), UInt8((len >> 8) & 0xFF), UInt8((len >> 16) & 0xFF), UInt8(len >> 24)])
        try sink.write(Array("PAR1".utf8))
        if options.fsync { try sink.sync() } else { try sink.flush() }
        return ParquetFileSummary(rows: totalRows, rowGroups: rowGroups.count, bytes: sink.position)
    }

    // MARK: row groups and pages

    private func flushRowGroup() throws {
        let start = sink.position
        let rows = buffers[0].rows
        var chunks: [ChunkMeta] = []
        for i in buffers.indices {
            chunks.append(try writeChunk(buffers[i]))
            buffers[i].removeAll()
        }
        rowGroups.append(RowGroupMeta(
            chunks: chunks,
            totalByteSize: chunks.reduce(0) { $0 + $1.totalUncompressed },
            numRows: Int64(rows),
            fileOffset: start,
            totalCompressed: sink.position - start,
            ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += rows
    }

    private func writeChunk(_ buf: ColumnBuffer) throws -> ChunkMeta {
        let col = buf.column
        let chunkStart = sink.position
        var uncompressedTotal: Int64 = 0
        var dictOffset: Int64?
        var encodings: [Int32] = []

        let dict: DictionaryEncoding? = col.encoding == .plain ? nil
            : buf.buildDictionary(limitBytes: options.dictionaryPageSizeLimit, force: col.encoding == .dictionary)
        if let dict {
            dictOffset = sink.position
            scratch.removeAll(keepingCapacity: true)
            dict.dictionary.plainEncode(0..<dict.dictionary.valueCount, into: &scratch)
            uncompressedTotal += try writePage(kind: .dictionary(count: dict.dictionary.valueCount))
            encodings = [Footer.plain, Footer.rle, Footer.rleDictionary]
        } else {
            encodings = [Footer.plain, Footer.rle]
        }

        // Page boundaries: by rows, so that each page's values are contiguous.
        let dataOffset = sink.position
        var chunkMin: Int?, chunkMax: Int?
        var row = 0, value = 0
        let rows = buf.rows
        repeat {
            // Grow the page row by row until it reaches the size or row limit.
            var end = row, vEnd = value, bytes = 0
            let perIndexBits = dict?.bitWidth ?? 0
            while end < rows && end - row < options.pageRowLimit && bytes < options.pageSize {
                let present = col.isOptional ? buf.defLevels[end] == 1 : true
                if present {
                    bytes += dict != nil ? (perIndexBits + 7) / 8 : buf.plainSize(vEnd..<(vEnd + 1))
                    vEnd += 1
                }
                end += 1
            }
            let values = value..<vEnd
            let mm = buf.minMax(values)
            if let mm {
                if chunkMin == nil || buf.less(mm.min, chunkMin!) { chunkMin = mm.min }
                if chunkMax == nil || buf.less(chunkMax!, mm.max) { chunkMax = mm.max }
            }
            let stats = statistics(buf, mm, nulls: (end - row) - values.count)

            scratch.removeAll(keepingCapacity: true)
            if col.isOptional {
                // Definition levels: RLE hybrid, bit width 1, with a 4-byte length prefix (v1 pages).
                scratch.append(contentsOf: [0, 0, 0, 0])
                buf.defLevels.withUnsafeBufferPointer { p in
                    RLEHybrid.encode(UnsafeBufferPointer(rebasing: p[row..<end]), bitWidth: 1, into: &scratch)
                }
                let len = UInt32(scratch.count - 4)
                scratch[0] = UInt8(len & 0xFF); scratch[1] = UInt8((len >> 8) & 0xFF)
                scratch[2] = UInt8((len >> 16) & 0xFF); scratch[3] = UInt8(len >> 24)
            }
            if let dict {
                scratch.append(UInt8(dict.bitWidth))
                dict.indices.withUnsafeBufferPointer { p in
                    RLEHybrid.encode(UnsafeBufferPointer(rebasing: p[values]), bitWidth: dict.bitWidth, into: &scratch)
                }
            } else {
                buf.plainEncode(values, into: &scratch)
            }
            uncompressedTotal += try writePage(kind: .data(rows: end - row, encoding: dict != nil ? Footer.rleDictionary : Footer.plain, stats: stats))
            row = end
            value = vEnd
        } while row < rows

        let chunkStats = statistics(buf, chunkMin.map { ($0, chunkMax!) }, nulls: buf.nullCount)
        return ChunkMeta(
            column: col, encodings: encodings, numValues: Int64(rows),
            totalUncompressed: uncompressedTotal, totalCompressed: sink.position - chunkStart,
            dataPageOffset: dataOffset, dictionaryPageOffset: dictOffset, statistics: chunkStats,
            codecZstd: compressor != nil)
    }

    private func statistics(_ buf: ColumnBuffer, _ mm: (min: Int, max: Int)?, nulls: Int) -> EncodedStatistics {
        var s = EncodedStatistics(nullCount: Int64(nulls))
        if let mm {
            let lo = buf.statBytes(mm.min, isMin: true), hi = buf.statBytes(mm.max, isMin: false)
            if lo.count <= options.maxStatisticsSize && hi.count <= options.maxStatisticsSize {
                s.min = lo
                s.max = hi
            }
        }
        return s
    }

    enum PageKind {
        case dictionary(count: Int)
        case data(rows: Int, encoding: Int32, stats: EncodedStatistics)
    }

    /// Compresses `scratch` as one page, writes header and body; returns header + uncompressed body size.
    private func writePage(kind: PageKind) throws -> Int64 {
        let uncompressedSize = scratch.count
        var body: [UInt8]
        if let compressor {
            compressed.removeAll(keepingCapacity: true)
            do {
                try scratch.withUnsafeBytes { raw in _ = try compressor.compress(raw, appendingTo: &compressed) }
            } catch let e as ZstdError {
                throw ParquetError("zstd: \(e.name)")
            }
            body = compressed
        } else {
            body = scratch
        }
        guard body.count < Int(Int32.max), uncompressedSize < Int(Int32.max) else { throw ParquetError("page too large") }
        let header = Footer.pageHeader(kind: kind, uncompressed: uncompressedSize, compressed: body.count)
        try sink.write(header)
        try sink.write(body)
        body = []
        return Int64(header.count + uncompressedSize)
    }
}

@available(*, unavailable)
extension ParquetWriter: Sendable {}
