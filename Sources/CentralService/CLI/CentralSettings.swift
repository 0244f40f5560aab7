import CorridorModel
import Options

/// Everything `corridor-central run` is configured with (flags, `CORRIDOR_*` env, config file).
public struct CentralSettings: Sendable {
    public var kafkaBrokers: String
    public var kafkaProperties: [String: String]
    public var groupID: String
    public var topics: [EventKind: String]
    /// The topics consumed (default: the three kinds' topics).
    public var subscribe: [String]
    public var mongoURI: String
    public var database: String
    public var lakeDir: String
    public var listenHost: String
    public var listenPort: UInt16
    public var batchSize: Int
    public var eventTTLSeconds: Int
    public var rules: AlertRules
    public var silenceCheckSeconds: Double
    /// `STATION=TOKEN` pairs for the HTTPS ingest (read by the API).
    public var ingestTokens: [String: String]
    public var logLevel: Logger.Level

    static let runOptions: [OptionSpec] = [
        OptionSpec("config", "FILE", "Config file (key = value lines, [kafka] section)", commandLineOnly: true),
        OptionSpec("kafka-brokers", "HOST:PORT[,…]", "Kafka bootstrap servers"),
        OptionSpec("group", "ID", "Kafka consumer group", default: "corridor-central"),
        OptionSpec("topics", "T1,T2,…", "Topics to consume (default: the three topic-* below)"),
        OptionSpec("topic-reviews", "TOPIC", "Kafka topic for reviews", default: EventKind.review.defaultTopic),
        OptionSpec("topic-transactions", "TOPIC", "Kafka topic for transactions", default: EventKind.transaction.defaultTopic),
        OptionSpec("topic-heartbeats", "TOPIC", "Kafka topic for heartbeats", default: EventKind.heartbeat.defaultTopic),
        OptionSpec("mongo-uri", "URI", "MongoDB URI, e.g. mongodb://mongo:27017/?serverSelectionTimeoutMS=5000"),
        OptionSpec("database", "NAME", "MongoDB database", default: "corridor"),
        OptionSpec("lake-dir", "DIR", "Raw lake root (DIR/raw/date=YYYY-MM-DD/*.jsonl)"),
        OptionSpec("listen", "HOST:PORT", "HTTP address for /healthz, /metrics and the API", default: "127.0.0.1:8480"),
        OptionSpec("batch-size", "N", "Messages per batch at most", default: "500"),
        OptionSpec("event-ttl", "DURATION", "How long the events collection keeps an event", default: "30d"),
        OptionSpec("alert-window", "DURATION", "Sliding window of the pole alerts", default: "30m"),
        OptionSpec("alert-unsatisfied-share", "RATIO", "Unsatisfied share that opens an alert", default: "0.4"),
        OptionSpec("alert-min-reviews", "N", "Reviews needed in the window for the share rule", default: "5"),
        OptionSpec("alert-wait", "DURATION", "Mean wait that opens an alert", default: "15m"),
        OptionSpec("alert-silence", "DURATION", "Silence after which a station is offline and alerts", default: "2h"),
        OptionSpec("silence-check", "DURATION", "How often the silence rule runs", default: "60s"),
        OptionSpec("ingest-tokens", "ST=TOKEN,…", "Bearer tokens of stations allowed on the HTTPS ingest"),
        OptionSpec("log-level", "LEVEL", "debug, info, warning, error", default: "info"),
    ]

    public init(_ o: ParsedOptions) throws(UsageError) {
        kafkaBrokers = try o.require("kafka-brokers")
        mongoURI = try o.require("mongo-uri")
        lakeDir = try o.require("lake-dir")
        groupID = try o.require("group")
        database = try o.require("database")
        guard database.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw UsageError("--database must be letters, digits, '_' or '-', not '\(database)'")
        }
        let hp = try o.hostPort("listen")!
        listenHost = hp.host
        listenPort = hp.port
        kafkaProperties = o.extra.filter { $0.key.hasPrefix("kafka.") }
            .reduce(into: [:]) { $0[String($1.key.dropFirst("kafka.".count))] = $1.value }
        topics = [.review: o.string("topic-reviews")!, .transaction: o.string("topic-transactions")!,
                  .heartbeat: o.string("topic-heartbeats")!]
        if let list = o.string("topics"), !list.isEmpty {
            subscribe = list.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        } else {
            subscribe = [topics[.review]!, topics[.transaction]!, topics[.heartbeat]!]
        }
        guard let bs = try o.int("batch-size"), (1...100_000).contains(bs) else { throw UsageError("--batch-size must be 1…100000") }
        batchSize = bs
        eventTTLSeconds = Int(try o.seconds("event-ttl")!)
        var r = AlertRules()
        r.windowSeconds = max(300, Int64(try o.seconds("alert-window")!))
        guard let share = Double(o.string("alert-unsatisfied-share")!), (0...1).contains(share) else {
            throw UsageError("--alert-unsatisfied-share must be a ratio from 0 to 1")
        }
        r.unsatisfiedShare = share
        r.minReviews = Int64(try o.int("alert-min-reviews")!)
        r.waitSeconds = try o.seconds("alert-wait")!
        r.silenceSeconds = Int64(try o.seconds("alert-silence")!)
        rules = r
        silenceCheckSeconds = max(1, try o.seconds("silence-check")!)
        var tokens: [String: String] = [:]
        for pair in (o.string("ingest-tokens") ?? "").split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw UsageError("--ingest-tokens must be STATION=TOKEN pairs separated by commas") }
            tokens[String(kv[0]).trimmed] = String(kv[1]).trimmed
        }
        ingestTokens = tokens
        switch o.string("log-level") ?? "info" {
        case "debug": logLevel = .debug
        case "info": logLevel = .info
        case "warning": logLevel = .warning
        case "error": logLevel = .error
        case let l: throw UsageError("--log-level must be debug, info, warning or error, not '\(l)'")
        }
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
