import CorridorModel
import Kafka

/// Which way events leave the station.
public enum ForwarderTransport: String, Sendable {
    /// librdkafka straight to central's brokers.
    case kafka
    /// NDJSON batches to central's ingest endpoint (networks that only let 443 out).
    case https
    /// Kafka, falling back to HTTPS after repeated failures and returning when Kafka recovers.
    case auto
    /// Nothing is forwarded; events stay in the outbox.
    case none
}

/// Everything the forwarder needs, resolved from `EdgeSettings` (tests build it directly).
public struct ForwarderConfig: Sendable {
    public var stationID: String
    /// Where `forwarder-status.json` is written.
    public var dataDir: String
    /// The resolved transport: `auto` only when both brokers and a central URL are configured.
    public var transport: ForwarderTransport
    /// Full librdkafka configuration (edge defaults, then the operator's `kafka.*` properties);
    /// nil without brokers.
    public var kafka: [String: String]?
    public var topics: [EventKind: String]
    public var centralURL: String?
    public var centralToken: String?
    public var version: String
    public var heartbeatIntervalSeconds: Double
    /// Delivered rows are pruned after this long.
    public var retentionSeconds: Double

    // Tuning (defaults suit a slow link; tests shorten the waits).
    /// Rows handed to librdkafka and not yet reported. The outbox, not librdkafka's memory, is
    /// the buffer: this bounds what a crash or a timeout can send twice.
    public var window = 20_000
    /// Rows read from the outbox per query.
    public var chunk = 5_000
    /// Delivered rows marked sent per outbox transaction (at most this many, or every 200 ms).
    public var markBatch = 10_000
    /// The most rows that can be delivered but not yet marked sent (the window, the batch
    /// being gathered, and the batches queued for commit): what a crash can send twice.
    public var maxUnmarked: Int { window + markBatch * (SentMarker.depth + 1) }
    public var backoffBaseSeconds = 1.0
    public var backoffMaxSeconds = 60.0
    /// Failed rounds without a single delivery after which the producer is replaced (a broker
    /// that lost its producer-id state answers the old one UNKNOWN_PRODUCER_ID forever).
    public var recreateProducerAfterFailedRounds = 2
    /// `auto`: failed Kafka rounds in a row before switching to HTTPS.
    public var fallbackAfterFailedRounds = 3
    /// `auto` on HTTPS: how often Kafka is probed (metadata request) to switch back.
    public var kafkaProbeIntervalSeconds = 60.0
    public var httpsBatchRows = 500
    public var httpsBatchBytes = 1 << 20
    public var httpsTimeoutSeconds = 30.0
    /// How long `stop()` waits for in-flight deliveries (keep below systemd's TimeoutStopSec).
    public var drainTimeoutSeconds = 10.0
    /// How often housekeeping runs pruning.
    public var pruneIntervalSeconds = 600.0

    public init(stationID: String, dataDir: String, transport: ForwarderTransport, kafka: [String: String]?,
                topics: [EventKind: String] = ForwarderConfig.defaultTopics, centralURL: String? = nil,
                centralToken: String? = nil, version: String, heartbeatIntervalSeconds: Double = 60,
                retentionSeconds: Double = 7 * 86_400) {
        self.stationID = stationID; self.dataDir = dataDir; self.transport = transport; self.kafka = kafka
        self.topics = topics; self.centralURL = centralURL; self.centralToken = centralToken; self.version = version
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds; self.retentionSeconds = retentionSeconds
    }

    public static let defaultTopics: [EventKind: String] = [
        .review: EventKind.review.defaultTopic, .transaction: EventKind.transaction.defaultTopic,
        .heartbeat: EventKind.heartbeat.defaultTopic,
    ]

    /// The edge's producer settings: the wrapper's reliable defaults (idempotent, acks=all,
    /// zstd, murmur2 partitioner) with batching for a slow, lossy link: big batches (they
    /// compress better and cost one round trip), a longer linger, and a message timeout after
    /// which the row simply goes back to pending. The operator's `kafka.*` properties win.
    public static func kafkaConfig(brokers: String, overrides: [String: String] = [:]) -> [String: String] {
        var c = KafkaProducer.reliableDefaults(bootstrapServers: brokers)
        c["client.id"] = "corridor-edge"
        c["linger.ms"] = "100"
        c["batch.num.messages"] = "10000"
        c["batch.size"] = "1000000"
        c["message.timeout.ms"] = "60000"
        c["request.timeout.ms"] = "30000"
        c["socket.timeout.ms"] = "30000"
        // ≤ 5 keeps per-partition order with the idempotent producer.
        c["max.in.flight.requests.per.connection"] = "5"
        c["queue.buffering.max.messages"] = "100000"
        c["statistics.interval.ms"] = "1000"
        c.merge(overrides) { $1 }
        return c
    }

    /// Resolves `auto` and builds the Kafka configuration. The note, when present, is what the
    /// agent should log at start (e.g. that nothing will be forwarded).
    public static func resolve(_ s: EdgeSettings, version: String) -> (ForwarderConfig, note: String?) {
        let requested = ForwarderTransport(rawValue: s.transport) ?? .auto
        let hasKafka = s.kafkaBrokers != nil, hasURL = s.centralURL != nil
        var note: String? = nil
        let transport: ForwarderTransport
        switch requested {
        case .auto:
            switch (hasKafka, hasURL) {
            case (true, true): transport = .auto
            case (true, false): transport = .kafka
            case (false, true): transport = .https
            case (false, false):
                transport = .none
                note = "transport auto: neither --kafka-brokers nor --central-url is set, so nothing is forwarded; events stay in the outbox"
            }
        case .none:
            transport = .none
            note = "transport none: forwarding is off; events stay in the outbox"
        default: transport = requested
        }
        var c = ForwarderConfig(
            stationID: s.stationID, dataDir: s.dataDir, transport: transport,
            kafka: s.kafkaBrokers.map { kafkaConfig(brokers: $0, overrides: s.kafkaProperties) },
            topics: s.topics, centralURL: s.centralURL, centralToken: s.centralToken, version: version,
            heartbeatIntervalSeconds: s.heartbeatIntervalSeconds, retentionSeconds: s.retentionSeconds)
        c.drainTimeoutSeconds = s.drainTimeoutSeconds
        c.backoffMaxSeconds = s.backoffMaxSeconds
        return (c, note)
    }
}
