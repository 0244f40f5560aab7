/// One BSON value: the subset of BSON types Corridor stores and reads back.
///
/// Integer literals become `.int64` (what a Swift `Int` is on 64-bit platforms); use
/// `.int32(_)` explicitly where a 32-bit field matters. Other BSON types met when decoding
/// (decimal128, regex, JavaScript, …) decode to `.unsupported(typeCode)` and encode as null,
/// so a read never fails on a foreign field.
public enum BSONValue: Sendable, Equatable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(subtype: UInt8, bytes: [UInt8])
    case objectID(BSONObjectID)
    case bool(Bool)
    /// Milliseconds since the Unix epoch (BSON UTC datetime).
    case datetime(Int64)
    case null
    case int32(Int32)
    /// BSON internal timestamp (seconds, increment), seen in server replies.
    case timestamp(seconds: UInt32, increment: UInt32)
    case int64(Int64)
    /// A BSON type this model does not carry; the associated value is the BSON type byte.
    case unsupported(UInt8)

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var documentValue: BSONDocument? { if case .document(let d) = self { return d } else { return nil } }
    public var arrayValue: [BSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var objectIDValue: BSONObjectID? { if case .objectID(let o) = self { return o } else { return nil } }
    public var datetimeValue: Int64? { if case .datetime(let d) = self { return d } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as an integer when it is one exactly: servers answer counts as int32, int64
    /// or double depending on the operator, so callers should not have to care which.
    public var intValue: Int? {
        switch self {
        case .int32(let i): return Int(i)
        case .int64(let i): return Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
        default: return nil
        }
    }

    /// Any numeric value as a `Double`.
    public var doubleValue: Double? {
        switch self {
        case .int32(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Reads a nested key: `value["a"]` on a document, nil on any other case.
    public subscript(key: String) -> BSONValue? { documentValue?[key] }
}

extension BSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension BSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int64(value) }
}

extension BSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension BSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension BSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension BSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
}

extension BSONValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self = .document(BSONDocument(elements))
    }
}
