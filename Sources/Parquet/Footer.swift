/// Min/max (PLAIN bytes, no length prefix) and null count of a page or a column chunk.
struct EncodedStatistics {
    var nullCount: Int64
    var min: [UInt8]?
    var max: [UInt8]?
}

struct ChunkMeta {
    var column: ParquetColumn
    var encodings: [Int32]
    var numValues: Int64
    var totalUncompressed: Int64
    var totalCompressed: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: EncodedStatistics
    var codecZstd: Bool
}

struct RowGroupMeta {
    var chunks: [ChunkMeta]
    var totalByteSize: Int64
    var numRows: Int64
    var fileOffset: Int64
    var totalCompressed: Int64
    var ordinal: Int16
}

/// The Thrift structures of parquet.thrift this writer emits, with their field ids.
enum Footer {
    // enum Encoding
    static let plain: Int32 = 0
    static let rle: Int32 = 3
    static let rleDictionary: Int32 = 8
    // enum CompressionCodec
    static let uncompressed: Int32 = 0
    static let zstd: Int32 = 6
    // enum PageType
    static let dataPage: Int32 = 0
    static let dictionaryPage: Int32 = 2

    static func physicalType(_ t: ParquetColumn.PhysicalType) -> Int32 {
        switch t {
        case .boolean: return 0
        case .int32: return 1
        case .int64: return 2
        case .double: return 5
        case .byteArray: return 6
        }
    }

    /// struct Statistics
    static func writeStatistics(_ w: inout ThriftCompactWriter, _ s: EncodedStatistics) {
        w.i64(3, s.nullCount)
        if let max = s.max, let min = s.min {
            w.binary(5, max)
            w.binary(6, min)
            w.bool(7, true)   // is_max_value_exact
            w.bool(8, true)   // is_min_value_exact
        }
    }

    /// struct PageHeader (+ DataPageHeader or DictionaryPageHeader)
    static func pageHeader(kind: ParquetWriter.PageKind, uncompressed: Int, compressed: Int) -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        switch kind {
        case .dictionary(let count):
            w.i32(1, dictionaryPage)
            w.i32(2, uncompressed)
            w.i32(3, compressed)
            w.structure(7) { d in
                d.i32(1, count)
                d.i32(2, plain)
                d.bool(3, false)
            }
        case .data(let rows, let encoding, let stats):
            w.i32(1, dataPage)
            w.i32(2, uncompressed)
            w.i32(3, compressed)
            w.structure(5) { d in
                d.i32(1, rows)              // num_values, nulls included
                d.i32(2, encoding)
                d.i32(3, rle)               // definition_level_encoding
                d.i32(4, rle)               // repetition_level_encoding
                d.structure(5) { writeStatistics(&$0, stats) }
            }
        }
        w.endStruct()
        return w.out
    }

    /// struct FileMetaData
    static func fileMetaData(schema: ParquetSchema, rowGroups: [RowGroupMeta], numRows: Int,
                             options: ParquetWriterOptions) -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.i32(1, Int32(2))  // version
        w.listStruct(2, count: schema.columns.count + 1) { e, i in
            if i == 0 {
                e.string(4, "schema")
                e.i32(5, schema.columns.count)  // num_children
                return
            }
            let c = schema.columns[i - 1]
            e.i32(1, physicalType(c.physicalType))
            e.i32(3, c.isOptional ? Int32(1) : Int32(0))  // repetition_type
            e.string(4, c.name)
            switch c.logicalType {
            case .none: break
            case .string:
                e.i32(6, Int32(0))                          // converted_type UTF8
                e.structure(10) { $0.emptyStructure(1) }    // LogicalType.STRING
            case .json:
                e.i32(6, Int32(19))                         // converted_type JSON
                e.structure(10) { $0.emptyStructure(12) }   // LogicalType.JSON
            case .timestampMillisUTC:
                e.i32(6, Int32(9))                          // converted_type TIMESTAMP_MILLIS
                e.structure(10) { l in
                    l.structure(8) { t in                   // LogicalType.TIMESTAMP
                        t.bool(1, true)                     // isAdjustedToUTC
                        t.structure(2) { $0.emptyStructure(1) }  // unit = MILLIS
                    }
                }
            }
        }
        w.i64(3, numRows)
        w.listStruct(4, count: rowGroups.count) { g, gi in
            let rg = rowGroups[gi]
            g.listStruct(1, count: rg.chunks.count) { cc, ci in
                let m = rg.chunks[ci]
                cc.i64(2, m.dictionaryPageOffset ?? m.dataPageOffset)  // file_offset
                cc.structure(3) { md in
                    md.i32(1, physicalType(m.column.physicalType))
                    md.listI32(2, m.encodings)
                    md.listString(3, [m.column.name])
                    md.i32(4, m.codecZstd ? zstd : uncompressed)
                    md.i64(5, m.numValues)
                    md.i64(6, m.totalUncompressed)
                    md.i64(7, m.totalCompressed)
                    md.i64(9, m.dataPageOffset)
                    if let d = m.dictionaryPageOffset { md.i64(11, d) }
                    md.structure(12) { writeStatistics(&$0, m.statistics) }
                }
            }
            g.i64(2, rg.totalByteSize)
            g.i64(3, rg.numRows)
            g.i64(5, rg.fileOffset)
            g.i64(6, rg.totalCompressed)
            g.i16(7, rg.ordinal)
        }
        if !options.metadata.isEmpty {
            w.listStruct(5, count: options.metadata.count) { kv, i in
                kv.string(1, options.metadata[i].key)
                kv.string(2, options.metadata[i].value)
            }
        }
        w.string(6, options.createdBy)
        // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value.
        w.listStruct(7, count: schema.columns.count) { o, _ in o.emptyStructure(1) }
        w.endStruct()
        return w.out
    }
}
