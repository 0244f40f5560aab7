import CorridorModel
import HTTPServer
import Kafka
import Sentiment

/// Where central's parts meet: the sentiment analyzer for the second pass, and the JSON API,
/// HTTPS ingest and dashboard mounted on the runtime's HTTP server.
enum CentralWiring {
    static let analyzer = SentimentAnalyzer()

    /// Reviews scored by an older model (or not scored) are re-scored with this before they count.
    static let rescorer: any Rescorer = ClosureRescorer(model: SentimentAnalyzer.model) { t, r, s in
        analyzer.assess(text: t, rating: r, service: s)
    }

    /// The API routes; the ingest endpoint produces with its own idempotent producer and answers
    /// only after the delivery reports.
    static let routes: @Sendable (CentralRuntime.Context) throws -> [CentralRuntime.Route] = { ctx in
        let deliveries = IngestDeliveryTracker()
        var config = KafkaProducer.reliableDefaults(bootstrapServers: ctx.settings.kafkaBrokers)
        for (k, v) in ctx.settings.kafkaProperties { config[k] = v }
        let producer = try KafkaProducer(config: config, onDelivery: deliveries.onDelivery)
        // Settings hold STATION=TOKEN; the API looks stations up by token.
        let byToken = Dictionary(ctx.settings.ingestTokens.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        let api = CentralAPI(mongo: ctx.mongo, database: ctx.settings.database, producer: producer, deliveries: deliveries,
                             topics: ctx.settings.topics, ingestTokens: byToken, logger: ctx.logger)
        return [{ api.handle($0) }]
    }
}
