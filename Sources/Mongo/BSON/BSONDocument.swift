/// An ordered BSON document as a Swift value (keys keep their insertion order, as BSON does).
///
/// Lookup is linear: Corridor's documents are small, and order matters for commands and sort
/// specifications (`["count": 1, "rating": -1]`). Setting an existing key keeps its position.
public struct BSONDocument: Sendable, Equatable, Sequence {
    public private(set) var elements: [(key: String, value: BSONValue)]

    public init() { elements = [] }

    /// Builds a document from pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, BSONValue)]) {
        elements = []
        elements.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var keys: [String] { elements.map(\.key) }
    public var values: [BSONValue] { elements.map(\.value) }

    public subscript(key: String) -> BSONValue? {
        get {
            for e in elements where e.key == key { return e.value }
            return nil
        }
        set {
            if let i = elements.firstIndex(where: { $0.key == key }) {
                if let v = newValue { elements[i].value = v } else { elements.remove(at: i) }
            } else if let v = newValue {
                elements.append((key, v))
            }
        }
    }

    /// Appends without looking for an existing key: the fast path when building a fresh
    /// document whose keys are known to be distinct (the decoder uses it).
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append((key, value))
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: BSONValue)]> {
        elements.makeIterator()
    }

    /// Order-sensitive equality: `{a:1, b:2}` and `{b:2, a:1}` are different BSON documents.
    public static func == (a: BSONDocument, b: BSONDocument) -> Bool {
        guard a.elements.count == b.elements.count else { return false }
        for (x, y) in zip(a.elements, b.elements) where x.key != y.key || x.value != y.value {
            return false
        }
        return true
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) { self.init(elements) }
}

extension BSONDocument: CustomStringConvertible {
    /// Relaxed extended-JSON-like text for logs and test failures (not a parser input).
    public var description: String {
        "{" + elements.map { "\"\($0.key)\": \($0.value.debugText)" }.joined(separator: ", ") + "}"
    }
}

extension BSONValue {
    var debugText: String {
        switch self {
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .document(let d): return d.description
        case .array(let a): return "[" + a.map(\.debugText).joined(separator: ", ") + "]"
        case .binary(let t, let b): return "Binary(\(t), \(b.count) bytes)"
        case .objectID(let o): return "ObjectId(\"\(o.hex)\")"
        case .bool(let b): return "\(b)"
        case .datetime(let ms): return "Date(\(ms))"
        case .null: return "null"
        case .int32(let i): return "Int32(\(i))"
        case .timestamp(let s, let i): return "Timestamp(\(s), \(i))"
        case .int64(let i): return "\(i)"
        case .unsupported(let t): return "Unsupported(0x\(String(t, radix: 16)))"
        }
    }
}
