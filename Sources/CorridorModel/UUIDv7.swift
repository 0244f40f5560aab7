import Synchronization

/// Makes UUIDv7 ids that are strictly increasing on one agent (RFC 9562 §6.2, method 1:
/// a 12-bit counter in `rand_a`, seeded randomly each new millisecond), so id order is capture order.
///
/// If the clock steps back (NTP, a dead RTC battery after a power cut) the generator keeps the
/// last timestamp and counts on; when the counter runs out it borrows the next millisecond.
public final class UUIDv7Generator: Sendable {
    private struct State { var lastMillis: Int64; var counter: UInt16 }
    private let state: Mutex<State>
    private let clock: @Sendable () -> Int64

    /// - Parameter after: an id already issued (e.g. the newest in the outbox); new ids sort after it.
    public init(after last: String? = nil, clock: @escaping @Sendable () -> Int64 = { Timestamp.now().millis }) {
        var s = State(lastMillis: 0, counter: 0)
        if let last, let (ms, counter) = UUIDv7Generator.decode(last) {
            s = State(lastMillis: ms, counter: counter)
        }
        state = Mutex(s)
        self.clock = clock
    }

    /// The next id, as 36 lowercase characters.
    public func next() -> String {
        let now = clock()
        let (ms, counter): (Int64, UInt16) = state.withLock { s in
            if now > s.lastMillis {
                s.lastMillis = now
                s.counter = UInt16.random(in: 0..<0x400)  // leave room to count up within the ms
            } else if s.counter < 0xFFF {
                s.counter += 1
            } else {
                s.lastMillis += 1
                s.counter = 0
            }
            return (s.lastMillis, s.counter)
        }
        return UUIDv7Generator.format(millis: ms, counter: counter, random: UInt64.random(in: 0...UInt64.max))
    }

    static func format(millis: Int64, counter: UInt16, random: UInt64) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(bitPattern: millis)
        for k in 0..<6 { bytes[k] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - k))) }
        bytes[6] = 0x70 | UInt8(counter >> 8 & 0x0F)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for k in 8..<16 { bytes[k] = UInt8(truncatingIfNeeded: random >> (8 * (15 - k))) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (k, b) in bytes.enumerated() {
            if k == 4 || k == 6 || k == 8 || k == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The (milliseconds, counter) of a UUIDv7, or nil if the string is not one.
    public static func decode(_ id: String) -> (millis: Int64, counter: UInt16)? {
        guard isUUID(id) else { return nil }
        let hex = id.replacingDashes()
        guard hex.count == 32, hex[hex.index(hex.startIndex, offsetBy: 12)] == "7" else { return nil }
        guard let ms = Int64(hex.prefix(12), radix: 16),
              let c = UInt16(hex.dropFirst(13).prefix(3), radix: 16) else { return nil }
        return (ms, c)
    }

    /// True for the canonical 8-4-4-4-12 hexadecimal form.
    public static func isUUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (k, c) in u.enumerated() {
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
        }
        return true
    }
}

extension String {
    fileprivate func replacingDashes() -> String { String(self.filter { $0 != "-" }).lowercased() }
}
