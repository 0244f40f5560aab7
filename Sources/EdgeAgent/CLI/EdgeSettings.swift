import CorridorModel
import Options

/// Everything `corridor-edge run` is configured with (flags, `CORRIDOR_*` env, config file).
public struct EdgeSettings: Sendable {
    public var dataDir: String
    public var stationID: String
    public var listenHost: String
    public var listenPort: UInt16
    public var token: String?
    public var budgetBytes: Int64
    public var sync: OutboxSync
    public var logLevel: Logger.Level

    // Forwarding (the forwarder reads these).
    public var transport: String
    public var kafkaBrokers: String?
    public var kafkaProperties: [String: String]
    public var topics: [EventKind: String]
    public var centralURL: String?
    public var centralToken: String?
    public var heartbeatIntervalSeconds: Double
    public var retentionSeconds: Double
    /// How long SIGTERM waits for in-flight deliveries (below systemd's TimeoutStopSec).
    public var drainTimeoutSeconds: Double
    /// The longest pause between delivery attempts while the link is down.
    public var backoffMaxSeconds: Double

    static let runOptions: [OptionSpec] = [
        OptionSpec("config", "FILE", "Config file (key = value lines, [kafka] section)", commandLineOnly: true),
        OptionSpec("data-dir", "DIR", "Where the outbox lives"),
        OptionSpec("station-id", "ID", "This station's id, e.g. ML-BKO-014"),
        OptionSpec("listen", "HOST:PORT", "Capture API address", default: "127.0.0.1:8470"),
        OptionSpec("token", "TOKEN", "Bearer token required from non-loopback clients"),
        OptionSpec("budget", "SIZE", "Outbox disk budget; captures get 507 past it", default: "512MiB"),
        OptionSpec("sync", "MODE", "SQLite synchronous mode: full, normal (FULL is the durable one)", default: "full"),
        OptionSpec("log-level", "LEVEL", "debug, info, warning, error", default: "info"),
        OptionSpec("transport", "MODE", "kafka, https, auto or none", default: "auto"),
        OptionSpec("kafka-brokers", "HOST:PORT[,…]", "Central Kafka bootstrap servers"),
        OptionSpec("topic-reviews", "TOPIC", "Kafka topic for reviews", default: EventKind.review.defaultTopic),
        OptionSpec("topic-transactions", "TOPIC", "Kafka topic for transactions", default: EventKind.transaction.defaultTopic),
        OptionSpec("topic-heartbeats", "TOPIC", "Kafka topic for heartbeats", default: EventKind.heartbeat.defaultTopic),
        OptionSpec("central-url", "URL", "Central HTTPS ingest base URL (https transport)"),
        OptionSpec("central-token", "TOKEN", "This station's bearer token at central's ingest"),
        OptionSpec("heartbeat-interval", "DURATION", "How often to send a heartbeat", default: "60s"),
        OptionSpec("retention", "DURATION", "Keep delivered events this long before pruning", default: "7d"),
        OptionSpec("drain-timeout", "DURATION", "On stop, wait this long for in-flight deliveries", default: "10s"),
        OptionSpec("backoff-max", "DURATION", "Longest pause between attempts while the link is down", default: "60s"),
    ]

    init(_ o: ParsedOptions) throws(UsageError) {
        dataDir = try o.require("data-dir")
        stationID = try o.require("station-id")
        do { try Event.checkStationID(stationID) } catch { throw UsageError("--station-id: \(error.message)") }
        let hp = try o.hostPort("listen")!
        listenHost = hp.host
        listenPort = hp.port
        token = o.string("token").flatMap { $0.isEmpty ? nil : $0 }
        budgetBytes = try o.bytes("budget")!
        guard budgetBytes >= 64 * 1024 else { throw UsageError("--budget must be at least 64KiB") }
        guard let s = OutboxSync(rawValue: (o.string("sync") ?? "full").uppercased()), s != .off else {
            throw UsageError("--sync must be full or normal")
        }
        sync = s
        switch o.string("log-level") ?? "info" {
        case "debug": logLevel = .debug
        case "info": logLevel = .info
        case "warning": logLevel = .warning
        case "error": logLevel = .error
        case let l: throw UsageError("--log-level must be debug, info, warning or error, not '\(l)'")
        }
        transport = o.string("transport") ?? "auto"
        guard ["kafka", "https", "auto", "none"].contains(transport) else {
            throw UsageError("--transport must be kafka, https, auto or none, not '\(transport)'")
        }
        kafkaBrokers = o.string("kafka-brokers").flatMap { $0.isEmpty ? nil : $0 }
        kafkaProperties = o.extra.filter { $0.key.hasPrefix("kafka.") }
            .reduce(into: [:]) { $0[String($1.key.dropFirst("kafka.".count))] = $1.value }
        topics = [.review: o.string("topic-reviews")!, .transaction: o.string("topic-transactions")!,
                  .heartbeat: o.string("topic-heartbeats")!]
        centralURL = o.string("central-url").flatMap { $0.isEmpty ? nil : $0 }
        centralToken = o.string("central-token").flatMap { $0.isEmpty ? nil : $0 }
        heartbeatIntervalSeconds = try o.seconds("heartbeat-interval")!
        retentionSeconds = try o.seconds("retention")!
        drainTimeoutSeconds = try o.seconds("drain-timeout")!
        backoffMaxSeconds = max(1, try o.seconds("backoff-max")!)
        if transport == "kafka", kafkaBrokers == nil { throw UsageError("--transport kafka needs --kafka-brokers") }
        if transport == "https", centralURL == nil { throw UsageError("--transport https needs --central-url") }
    }
}
