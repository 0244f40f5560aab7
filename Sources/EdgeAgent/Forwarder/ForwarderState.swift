import CorridorModel
import Synchronization

/// The forwarder's link state and counters, shared by its thread, `/healthz`, `/metrics`,
/// heartbeats and the status file.
public final class ForwarderState: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// `kafka`, `https`, `https-fallback` (auto, Kafka failing) or `none`.
        public var transport: String
        /// `up`, `down` or `disabled`.
        public var link: String
        public var linkDownSince: Timestamp?
        public var lastSendAt: Timestamp?
        public var lastError: String?
        public var lastErrorAt: Timestamp?
        public var sent: Int64 = 0
        public var retries: Int64 = 0
        public var rejected: Int64 = 0
        /// Bytes written to the network for deliveries (Kafka `tx_bytes`, HTTPS bodies + headers).
        public var wireBytes: Int64 = 0
    }

    private let snap: Mutex<Snapshot>

    init(transport: ForwarderTransport, now: Timestamp = .now()) {
        if transport == .none {
            snap = Mutex(Snapshot(transport: "none", link: "disabled"))
        } else {
            // Not proven yet: "down since start" until the first delivery (a heartbeat goes
            // out at start, so this lasts a moment when central is reachable).
            snap = Mutex(Snapshot(transport: transport == .https ? "https" : "kafka", link: "down", linkDownSince: now,
                                  lastError: "no delivery yet"))
        }
    }

    public var snapshot: Snapshot { snap.withLock { $0 } }

    func delivered(_ n: Int, wireBytes: Int64 = 0, now: Timestamp = .now()) {
        snap.withLock { s in
            s.sent += Int64(n)
            s.wireBytes += wireBytes
            s.lastSendAt = now
            s.link = "up"
            s.linkDownSince = nil
            // The start-up placeholder is not an error once something got through.
            if s.lastErrorAt == nil { s.lastError = nil }
        }
    }

    func addWireBytes(_ n: Int64) { snap.withLock { $0.wireBytes += n } }
    func retried(_ n: Int) { snap.withLock { $0.retries += Int64(n) } }
    func rejected(_ n: Int) { snap.withLock { $0.rejected += Int64(n) } }
    func setTransport(_ t: String) { snap.withLock { $0.transport = t } }

    /// Records an error; with `linkDown` the link is marked down (keeping the first time).
    func failed(_ error: String, linkDown: Bool, now: Timestamp = .now()) {
        snap.withLock { s in
            s.lastError = error
            s.lastErrorAt = now
            if linkDown, s.link != "disabled" {
                if s.link != "down" || s.linkDownSince == nil { s.linkDownSince = now }
                s.link = "down"
            }
        }
    }

    /// "up", "down since 2025-…Z (42 s)" or "disabled".
    public static func summary(_ s: Snapshot, now: Timestamp = .now()) -> String {
        guard s.link == "down", let since = s.linkDownSince else { return s.link }
        return "down since \(since.rfc3339) (\((now.millis - since.millis) / 1000) s)"
    }

    /// The keys of `forwarder-status.json`, also merged into `/healthz`.
    public static func json(_ s: Snapshot, now: Timestamp = .now()) -> JSONObject {
        var o = JSONObject()
        o["transport"] = .string(s.transport)
        o["link"] = .string(s.link)
        o["link_down_since"] = s.linkDownSince.map { .string($0.rfc3339) } ?? .null
        o["link_summary"] = .string("link: " + summary(s, now: now))
        o["last_send_at"] = s.lastSendAt.map { .string($0.rfc3339) } ?? .null
        o["last_error"] = s.lastError.map { .string($0) } ?? .null
        o["last_error_at"] = s.lastErrorAt.map { .string($0.rfc3339) } ?? .null
        return o
    }

    /// The forwarder's families for `/metrics`.
    public static func metrics(_ s: Snapshot, now: Timestamp = .now()) -> [PrometheusSample] {
        let downFor = s.link == "down" ? max(0, (now.millis - (s.linkDownSince?.millis ?? now.millis)) / 1000) : 0
        return [
            PrometheusSample("corridor_forwarder_sent_total", "counter", "Events central acknowledged (Kafka delivery report or HTTPS 2xx).", s.sent),
            PrometheusSample("corridor_forwarder_retries_total", "counter", "Event deliveries that failed and went back to pending.", s.retries),
            PrometheusSample("corridor_forwarder_rejected_total", "counter", "Events central refused for good (kept aside in the outbox).", s.rejected),
            PrometheusSample("corridor_forwarder_wire_bytes_total", "counter", "Bytes written to the network by the forwarder.", s.wireBytes),
            PrometheusSample("corridor_forwarder_link_up", "gauge", "1 when the last delivery attempt succeeded.", s.link == "up" ? 1 : 0),
            PrometheusSample("corridor_forwarder_link_down_seconds", "gauge", "How long the link has been down (0 when up).", downFor),
            PrometheusSample("corridor_forwarder_last_send_timestamp_seconds", "gauge", "Unix time of the last delivery (0: none yet).", (s.lastSendAt?.millis ?? 0) / 1000),
            PrometheusSample("corridor_forwarder_transport", "gauge", "The transport in use.", labels: "{transport=\"\(s.transport)\"}", 1),
        ]
    }
}

/// Exponential backoff with equal jitter: the n-th wait is in [d/2, d] with d = base·2ⁿ ≤ max,
/// so a fleet of stations that lost the same link do not all come back in the same second.
final class Backoff {
    let base: Double, cap: Double
    private(set) var attempt = 0
    init(base: Double, cap: Double) { self.base = base; self.cap = cap }
    func reset() { attempt = 0 }
    func next() -> Double {
        let d = min(cap, base * Double(1 << min(attempt, 20)))
        attempt += 1
        return d / 2 + Double.random(in: 0...(d / 2))
    }
}
