import Testing
@testable import CorridorModel

@Suite struct TimestampTests {
    @Test func formatsRFC3339WithMillis() {
        #expect(Timestamp(millis: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(millis: 1_796_400_000_123).rfc3339 == "2026-12-04T16:00:00.123Z")
        #expect(Timestamp(millis: 951_782_400_000).dateString == "2000-02-29")
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(Timestamp(rfc3339: "2026-12-04T16:00:00.123Z")?.millis == 1_796_400_000_123)
        #expect(Timestamp(rfc3339: "2026-12-04T17:00:00.123+01:00")?.millis == 1_796_400_000_123)
        #expect(Timestamp(rfc3339: "2026-12-04T16:00:00Z")?.millis == 1_796_400_000_000)
        #expect(Timestamp(rfc3339: "2026-12-04T16:00:00.1234567Z")?.millis == 1_796_400_000_123)
    }

    @Test(arguments: ["2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-05 16:00", "yesterday", "2026-12-04T16:00:00", "2026-12-04T16:00:00.Z"])
    func rejectsBadTimes(_ s: String) {
        #expect(Timestamp(rfc3339: s) == nil)
    }

    @Test func roundTripsRandomInstants() {
        for _ in 0..<1000 {
            let t = Timestamp(millis: Int64.random(in: 0...4_102_444_800_000))
            #expect(Timestamp(rfc3339: t.rfc3339) == t)
        }
    }

    @Test func floorsToBuckets() {
        let t = Timestamp(rfc3339: "2026-12-05T16:07:31.500Z")!
        #expect(t.floor(toSeconds: 300).rfc3339 == "2026-12-05T16:05:00.000Z")
        #expect(t.floor(toSeconds: 3600).rfc3339 == "2026-12-05T16:00:00.000Z")
        #expect(t.floor(toSeconds: 86400).rfc3339 == "2026-12-05T00:00:00.000Z")
    }
}

@Suite struct UUIDv7Tests {
    @Test func idsAreVersion7AndStrictlyIncreasing() {
        let g = UUIDv7Generator()
        var last = ""
        for _ in 0..<50_000 {
            let id = g.next()
            #expect(id > last)
            last = id
        }
        let parts = last.split(separator: "-")
        #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
        #expect(parts[2].first == "7")
        #expect("89ab".contains(parts[3].first!))
    }

    @Test func clockGoingBackwardsStillIncreases() {
        final class Clock: @unchecked Sendable { var t: Int64 = 2_000_000 }
        let c = Clock()
        let g = UUIDv7Generator(clock: { c.t })
        let a = g.next()
        c.t = 1_000_000  // the RTC lost its time after a power cut
        let b = g.next()
        #expect(b > a)
        #expect(UUIDv7Generator.decode(b)!.millis >= 2_000_000)
    }

    @Test func counterOverflowBorrowsNextMillisecond() {
        let g = UUIDv7Generator(clock: { 5000 })
        var last = ""
        for _ in 0..<10_000 { let id = g.next(); #expect(id > last); last = id }
        #expect(UUIDv7Generator.decode(last)!.millis > 5000)
    }

    @Test func seededGeneratorContinuesAfterStoredID() {
        let future = UUIDv7Generator(clock: { 9_999_999_999_999 }).next()
        let g = UUIDv7Generator(after: future)
        #expect(g.next() > future)
    }
}
