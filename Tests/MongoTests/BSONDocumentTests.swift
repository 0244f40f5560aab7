import Testing
@testable import Mongo

// Unit tests: Swift model ⇄ bson_t through libbson, no server.

@Suite struct BSONDocumentTests {
    static let sample: BSONDocument = [
        "_id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        "double": 3.25,
        "string": "Très bien, a ka di 👍",
        "empty": "",
        "nul inside": .string("a\u{0}b"),
        "doc": ["nested": ["deeper": .int32(-7)], "list": [1, "two", 3.0, nil, true]],
        "array": [["k": 1], [], [:]],
        "bool": false,
        "null": nil,
        "int32": .int32(Int32.min),
        "int64": .int64(Int64.max),
        "datetime": .datetime(1_733_328_000_123),
        "oid": .objectID(BSONObjectID(hex: "65f0a1b2c3d4e5f601234567")!),
        "binary": .binary(subtype: 0, bytes: [0, 1, 2, 255]),
        "ts": .timestamp(seconds: 1_700_000_000, increment: 3),
    ]

    @Test func roundTripKeepsEveryValueAndTheKeyOrder() throws {
        let bytes = try Self.sample.bsonBytes()
        let back = try BSONDocument(bsonBytes: bytes)
        #expect(back == Self.sample)
        #expect(back.keys == Self.sample.keys)
        #expect(back["doc"]?["nested"]?["deeper"] == .int32(-7))
        #expect(back["nul inside"]?.stringValue == "a\u{0}b")
    }

    @Test func emptyDocumentIsFiveBytes() throws {
        #expect(try BSONDocument().bsonBytes() == [5, 0, 0, 0, 0])
        #expect(try BSONDocument(bsonBytes: [5, 0, 0, 0, 0]).isEmpty)
    }

    @Test func knownEncodingMatchesTheBSONSpec() throws {
        // {"hello": "world"} from bsonspec.org.
        let expected: [UInt8] = [0x16, 0, 0, 0, 0x02, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0, 0x06, 0, 0, 0,
                                 0x77, 0x6F, 0x72, 0x6C, 0x64, 0, 0]
        #expect(try (["hello": "world"] as BSONDocument).bsonBytes() == expected)
    }

    @Test func keyWithNULIsRejected() {
        let doc: BSONDocument = ["a\u{0}b": 1]
        #expect(throws: MongoError.self) { _ = try doc.bsonBytes() }
        do { _ = try doc.bsonBytes() } catch { #expect(error.domain == .bson) }
    }

    @Test func invalidBytesAreRejected() {
        #expect(throws: MongoError.self) { _ = try BSONDocument(bsonBytes: [1, 2, 3]) }
        #expect(throws: MongoError.self) { _ = try BSONDocument(bsonBytes: []) }
        // Wrong declared length.
        #expect(throws: MongoError.self) { _ = try BSONDocument(bsonBytes: [6, 0, 0, 0, 0]) }
        // String length running past the document.
        let overrun: [UInt8] = [0x0E, 0, 0, 0, 0x02, 0x61, 0, 0x09, 0, 0, 0, 0x62, 0, 0]
        #expect(throws: MongoError.self) { _ = try BSONDocument(bsonBytes: overrun) }
    }

    @Test func invalidUTF8IsRepairedNotTrusted() throws {
        // libbson 1.23's validator lets a lone 0xFF through; the decoder repairs it.
        let bad: [UInt8] = [0x0E, 0, 0, 0, 0x02, 0x61, 0, 0x02, 0, 0, 0, 0xFF, 0, 0]
        #expect(try BSONDocument(bsonBytes: bad)["a"] == "\u{FFFD}")
    }

    @Test func subscriptSetKeepsPositionAndNilRemoves() {
        var doc: BSONDocument = ["a": 1, "b": 2, "c": 3]
        doc["b"] = "two"
        #expect(doc.keys == ["a", "b", "c"])
        doc["a"] = nil
        #expect(doc.keys == ["b", "c"])
        doc["d"] = .double(4)
        #expect(doc.keys == ["b", "c", "d"])
        #expect(doc != ["c": 3, "b": "two", "d": 4.0])  // order matters in BSON
    }

    @Test func numericAccessorsAcceptEveryNumericType() {
        #expect(BSONValue.int32(5).intValue == 5)
        #expect(BSONValue.int64(5).intValue == 5)
        #expect(BSONValue.double(5).intValue == 5)
        #expect(BSONValue.double(5.5).intValue == nil)
        #expect(BSONValue.int32(2).doubleValue == 2)
        #expect(BSONValue.string("5").intValue == nil)
    }

    @Test func objectIDHexRoundTripAndFreshIDsDiffer() {
        let hex = "65f0a1b2c3d4e5f601234567"
        #expect(BSONObjectID(hex: hex)?.hex == hex)
        #expect(BSONObjectID(hex: "65F0A1B2C3D4E5F601234567")?.hex == hex)
        #expect(BSONObjectID(hex: "xyz") == nil)
        #expect(BSONObjectID() != BSONObjectID())
    }

    @Test func largeDocumentRoundTrips() throws {
        var doc = BSONDocument()
        for i in 0..<2_000 { doc.append("k\(i)", .array([.int64(Int64(i)), .string(String(repeating: "x", count: i % 50))])) }
        #expect(try BSONDocument(bsonBytes: doc.bsonBytes()) == doc)
    }
}
