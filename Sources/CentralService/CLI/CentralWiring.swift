import CorridorModel
import HTTPServer

/// The two seams the lead wires when the parallel branches land.
///
/// - `rescorer`: central's sentiment analyzer. Replace with
///   `ClosureRescorer(model: SentimentAnalyzer.model) { t, r, s in analyzer.assess(text: t, rating: r, service: s) }`
///   once `Sentiment.SentimentAnalyzer` exists (keep one `let analyzer = SentimentAnalyzer()`).
/// - `routes`: the JSON API / HTTPS ingest / dashboard. Replace with
///   `{ ctx in let api = CentralAPI(mongo: ctx.mongo, database: ctx.settings.database, producer: …,
///      topics: ctx.settings.topics, ingestTokens: ctx.settings.ingestTokens, logger: ctx.logger)
///      return [{ api.handle($0) }] }` once `CentralAPI` exists.
enum CentralWiring {
    static let rescorer: any Rescorer = RatingOnlyRescorer()
    static let routes: @Sendable (CentralRuntime.Context) throws -> [CentralRuntime.Route] = { _ in [] }
}
