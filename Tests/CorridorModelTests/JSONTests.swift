import Testing
@testable import CorridorModel

@Suite struct JSONTests {
    @Test func roundTripKeepsKeyOrderAndValues() throws {
        let text = #"{"b":1,"a":[true,false,null],"c":{"x":"é\"\\\n","y":-2.5},"d":9007199254740993}"#
        let v = try JSONParser.parse(text)
        #expect(JSONWriter.string(v) == text)
        #expect(v["d"]?.intValue == 9_007_199_254_740_993)
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"\\x\"", "{\"a\":1}x",
        "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\u{01}\"", "NaN", "1e999",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"t":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONParser.parse(#""a\u00e9\ud83d\ude00\t""#)
        #expect(v.stringValue == "aé😀\t")
        #expect(JSONWriter.string(v) == "\"aé😀\\t\"")
    }

    @Test func integralDoublesAreIntegers() throws {
        #expect(try JSONParser.parse("3.0").intValue == 3)
        #expect(try JSONParser.parse("3.5").intValue == nil)
        #expect(try JSONParser.parse("1e2").intValue == 100)
    }
}
