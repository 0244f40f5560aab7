/// One leaf column of a flat Parquet schema.
public struct ParquetColumn: Sendable, Equatable {
    /// The physical types this writer supports.
    public enum PhysicalType: Sendable, Equatable {
        case boolean, int32, int64, double, byteArray
    }

    /// Logical annotations (written both as `LogicalType` and as the legacy `ConvertedType`).
    public enum LogicalType: Sendable, Equatable {
        case none
        /// UTF-8 text on BYTE_ARRAY.
        case string
        /// A JSON document on BYTE_ARRAY. Readers differ in how they surface it (DuckDB needs its
        /// json extension); `.string` is the most portable choice for JSON text.
        case json
        /// Milliseconds since the epoch on INT64, `isAdjustedToUTC = true`.
        case timestampMillisUTC
    }

    /// How values are encoded.
    public enum Encoding: Sendable, Equatable {
        /// Dictionary when it makes the column chunk smaller, PLAIN otherwise (decided per chunk).
        case automatic
        case plain
        /// Dictionary unless the dictionary outgrows `ParquetWriterOptions.dictionaryPageSizeLimit`.
        case dictionary
    }

    public var name: String
    public var physicalType: PhysicalType
    public var logicalType: LogicalType
    public var isOptional: Bool
    public var encoding: Encoding

    public init(name: String, physicalType: PhysicalType, logicalType: LogicalType = .none,
                optional: Bool = false, encoding: Encoding = .automatic) {
        self.name = name
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.isOptional = optional
        self.encoding = encoding
    }

    public static func string(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .byteArray, logicalType: .string, optional: optional, encoding: encoding)
    }
    public static func json(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .byteArray, logicalType: .json, optional: optional, encoding: encoding)
    }
    public static func bytes(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .byteArray, optional: optional, encoding: encoding)
    }
    public static func int32(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int32, optional: optional, encoding: encoding)
    }
    public static func int64(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int64, optional: optional, encoding: encoding)
    }
    public static func double(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .double, optional: optional, encoding: encoding)
    }
    public static func boolean(_ name: String, optional: Bool = false) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .boolean, optional: optional, encoding: .plain)
    }
    /// TIMESTAMP(MILLIS, UTC) on INT64: values are milliseconds since the epoch.
    public static func timestampMillis(_ name: String, optional: Bool = false, encoding: Encoding = .automatic) -> ParquetColumn {
        ParquetColumn(name: name, physicalType: .int64, logicalType: .timestampMillisUTC, optional: optional, encoding: encoding)
    }
}

/// A flat schema: a list of leaf columns under the root.
public struct ParquetSchema: Sendable, Equatable {
    public var columns: [ParquetColumn]
    public init(_ columns: [ParquetColumn]) { self.columns = columns }
}

/// One column's values for a batch of rows; `nil` is a null (only in optional columns).
public enum ColumnValues: Sendable {
    case boolean([Bool?])
    case int32([Int32?])
    case int64([Int64?])
    case double([Double?])
    /// UTF-8 text for BYTE_ARRAY columns.
    case string([String?])
    /// Raw bytes for BYTE_ARRAY columns.
    case bytes([[UInt8]?])

    public var count: Int {
        switch self {
        case .boolean(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .double(let v): return v.count
        case .string(let v): return v.count
        case .bytes(let v): return v.count
        }
    }
}

/// Why a Parquet file could not be written.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// `errno` when the failure came from the file system, else 0.
    public var errno: Int32
    public init(_ message: String, errno: Int32 = 0) { self.message = message; self.errno = errno }
    public var description: String { errno == 0 ? "parquet: \(message)" : "parquet: \(message) (errno \(errno))" }
}

/// BYTE_ARRAY values already laid out back to back: what a caller that holds bytes (not
/// `String`s) hands to the writer without one allocation per value.
public struct ByteArrayColumn: Sendable {
    /// The values' bytes, back to back.
    public var data: [UInt8] = []
    /// `count + 1` entries; value `k` is `data[offsets[k]..<offsets[k + 1]]`.
    public var offsets: [Int] = [0]
    /// Empty when no value is null; else one flag per value (a null has an empty range).
    public var isNull: [Bool] = []

    public init() {}

    public var count: Int { offsets.count - 1 }

    public mutating func reserveCapacity(values: Int, bytes: Int) {
        data.reserveCapacity(bytes)
        offsets.reserveCapacity(values + 1)
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        data.append(contentsOf: bytes)
        offsets.append(data.count)
        if !isNull.isEmpty { isNull.append(false) }
    }

    public mutating func appendNull() {
        if isNull.isEmpty { isNull = [Bool](repeating: false, count: count) }
        offsets.append(data.count)
        isNull.append(true)
    }
}

/// One column of a batch for `ParquetWriter.write(batches:)`.
public enum ColumnBatch: Sendable {
    case values(ColumnValues)
    case byteArrays(ByteArrayColumn)

    public var count: Int {
        switch self {
        case .values(let v): return v.count
        case .byteArrays(let b): return b.count
        }
    }
}
