/// A UTC instant with millisecond precision, written as RFC 3339 (`2026-12-04T15:53:24.123Z`).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    public init(millis: Int64) { self.millis = millis }

    /// The wall clock now.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(millis: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millis < b.millis }

    public var description: String { rfc3339 }

    /// Days since the epoch and the calendar date (proleptic Gregorian), after H. Hinnant.
    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(fromCivil y0: Int64, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mm = Int64(m)
        let doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD` of the UTC day this instant falls in (the lake's partition key).
    public var dateString: String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let c = Timestamp.civil(fromDays: days)
        return "\(pad(c.year, 4))-\(pad(Int64(c.month), 2))-\(pad(Int64(c.day), 2))"
    }

    /// RFC 3339 UTC with milliseconds.
    public var rfc3339: String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        let c = Timestamp.civil(fromDays: days)
        let h = msOfDay / 3_600_000, mi = (msOfDay / 60_000) % 60, s = (msOfDay / 1000) % 60, ms = msOfDay % 1000
        guard (0...9999).contains(c.year) else {
            return "\(pad(c.year, 4))-\(pad(Int64(c.month), 2))-\(pad(Int64(c.day), 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
        }
        // Written digit by digit: this runs for every event on the capture path.
        return String(unsafeUninitializedCapacity: 24) { b in
            func put(_ v: Int64, _ width: Int, at i: Int) {
                var v = v
                for k in stride(from: i + width - 1, through: i, by: -1) { b[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10); v /= 10 }
            }
            put(c.year, 4, at: 0); b[4] = 0x2D
            put(Int64(c.month), 2, at: 5); b[7] = 0x2D
            put(Int64(c.day), 2, at: 8); b[10] = 0x54
            put(h, 2, at: 11); b[13] = 0x3A
            put(mi, 2, at: 14); b[16] = 0x3A
            put(s, 2, at: 17); b[19] = 0x2E
            put(ms, 3, at: 20); b[23] = 0x5A
            return 24
        }
    }

    /// Start of the bucket of `seconds` length that holds this instant.
    public func floor(toSeconds seconds: Int64) -> Timestamp {
        let w = seconds * 1000
        let f = millis >= 0 ? millis / w : (millis - w + 1) / w
        return Timestamp(millis: f * w)
    }

    /// Parses RFC 3339 (`Z` or `±hh:mm` offset, optional fraction); nil if it is not one.
    public init?(rfc3339 s: String) {
        let u = Array(s.utf8)
        var i = 0
        func num(_ n: Int) -> Int64? {
            guard i + n <= u.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = u[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: Character...) -> Bool {
            guard i < u.count, c.contains(where: { $0.asciiValue == u[i] }) else { return false }
            i += 1
            return true
        }
        guard let y = num(4), expect("-"), let mo = num(2), expect("-"), let d = num(2),
              expect("T", "t", " "), let h = num(2), expect(":"), let mi = num(2), expect(":"), let se = num(2)
        else { return nil }
        guard (1...12).contains(mo), d >= 1, h < 24, mi < 60, se < 61 else { return nil }
        let dim: [Int64] = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= dim[Int(mo) - 1] else { return nil }
        var ms: Int64 = 0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                if digits < 3 { ms = ms * 10 + Int64(u[i] - 0x30) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { ms *= 10 }
        }
        var offset: Int64 = 0
        if expect("Z", "z") {
        } else if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign: Int64 = u[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = num(2), expect(":"), let om = num(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 60 + om) * 60_000
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let days = Timestamp.days(fromCivil: y, Int(mo), Int(d))
        millis = days * 86_400_000 + h * 3_600_000 + mi * 60_000 + min(se, 59) * 1000 + ms - offset
    }
}

@inline(__always)
func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
