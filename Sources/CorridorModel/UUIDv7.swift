import Synchronization

/// Makes UUIDv7 ids that are strictly increasing on one agent (RFC 9562 §6.2, method 1:
/// a 12-bit counter in `rand_a`, seeded randomly each new millisecond), so id order is capture order.
///
/// If the clock steps back (NTP, a dead RTC battery after a power cut) the generator keeps the
/// last timestamp and counts on; when the counter runs out it borrows the next millisecond.
public final class UUIDv7Generator: Sendable {
    private struct State {
        var lastMillis: Int64
        var counter: UInt16
        /// splitmix64 state, seeded from the system RNG: the random bits need uniqueness, not secrecy,
        /// and a syscall per id would dominate the capture path.
        var rng: UInt64 = UInt64.random(in: 0...UInt64.max)
        mutating func nextRandom() -> UInt64 {
            rng &+= 0x9E37_79B9_7F4A_7C15
            var z = rng
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
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
        let (ms, counter, random): (Int64, UInt16, UInt64) = state.withLock { s in
            let r = s.nextRandom()
            if now > s.lastMillis {
                s.lastMillis = now
                s.counter = UInt16(truncatingIfNeeded: r >> 54)  // 0..<0x400: leaves room to count up within the ms
            } else if s.counter < 0xFFF {
                s.counter += 1
            } else {
                s.lastMillis += 1
                s.counter = 0
            }
            return (s.lastMillis, s.counter, r)
        }
        return UUIDv7Generator.format(millis: ms, counter: counter, random: random)
    }

    static func format(millis: Int64, counter: UInt16, random: UInt64) -> String {
        let ms = UInt64(bitPattern: millis)
        let hi = (ms << 16) | 0x7000 | UInt64(counter & 0x0FFF)        // 48-bit time, version, 12-bit counter
        let lo = (random & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // variant 10
        return String(unsafeUninitializedCapacity: 36) { out in
            let hex: StaticString = "0123456789abcdef"
            let h = hex.utf8Start
            var i = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 { out[i] = 0x2D; i += 1 }
                let word = nibble < 16 ? hi : lo
                let shift = UInt64(60 - (nibble % 16) * 4)
                out[i] = h[Int((word >> shift) & 0xF)]
                i += 1
            }
            return 36
        }
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
