import CorridorModel
import Foundation
import Testing
import TestServices
@testable import CentralService

@Suite struct RawLakeTests {
    @Test func deterministicNamesAndReplayRewritesTheSameFile() throws {
        let dir = TempDir("lake")
        defer { dir.cleanup() }
        let lake = try RawLake(directory: dir.path)
        let a = RawLake.Line(topic: "corridor.reviews.v1", partition: 2, offset: 40, date: "2026-12-04", bytes: Array("{\"a\":1}".utf8))
        let b = RawLake.Line(topic: "corridor.reviews.v1", partition: 2, offset: 41, date: "2026-12-05", bytes: Array("{\"b\":2}".utf8))
        let c = RawLake.Line(topic: "corridor.reviews.v1", partition: 2, offset: 42, date: "2026-12-04", bytes: Array("{\"c\":3}".utf8))
        let paths = try lake.write([a, b, c])
        #expect(paths == ["\(dir.path)/raw/date=2026-12-04/corridor.reviews.v1-p2-o40.jsonl",
                          "\(dir.path)/raw/date=2026-12-05/corridor.reviews.v1-p2-o40.jsonl"])
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == "{\"a\":1}\n{\"c\":3}\n")
        // The replay of the same batch (same first offset) rewrites, never adds.
        let again = try lake.write([a, c])
        #expect(again == [paths[0]])
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == "{\"a\":1}\n{\"c\":3}\n")
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path + "/raw").filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".tmp") }
        #expect(files.count == 2)
    }
}
