import CorridorModel
import Foundation
import HTTPServer
import Kafka
import Mongo

/// The running central replica: consumer loop (Kafka → lake + MongoDB) and the HTTP server.
public final class CentralRuntime: Sendable {
    /// An HTTP route: answers the request, or nil to let the next route try.
    public typealias Route = @Sendable (HTTPRequest) -> HTTPResponse?

    /// What the serving layer needs to build its routes (the JSON API, the HTTPS ingest).
    public struct Context: Sendable {
        public let mongo: MongoClient
        public let settings: CentralSettings
        public let logger: Logger
    }

    public let settings: CentralSettings
    public let processor: BatchProcessor
    public let loop: ConsumerLoop
    public let server: HTTPServer
    private let logger: Logger

    /// - Parameter routes: builds the extra routes (tried after /healthz and /metrics).
    public init(settings: CentralSettings, rescorer: any Rescorer, logger: Logger, version: String,
                routes: @Sendable (Context) throws -> [Route] = { _ in [] }) throws {
        self.settings = settings
        self.logger = logger
        let mongo = try MongoClient(uri: settings.mongoURI, appName: "corridor-central")
        let store = CentralStore(client: mongo, database: settings.database)
        try Self.prepare(store, settings: settings, logger: logger)
        let lake = try RawLake(directory: settings.lakeDir)
        processor = BatchProcessor(store: store, lake: lake, rescorer: rescorer, rules: settings.rules, logger: logger)
        loop = ConsumerLoop(settings: settings, processor: processor, logger: logger)
        let health = HealthRoutes(loop: loop, metrics: processor.metrics, version: version)
        let extra = try routes(Context(mongo: mongo, settings: settings, logger: logger))
        let chain: [Route] = [health.handle] + extra
        server = try HTTPServer(host: settings.listenHost, port: settings.listenPort, maxBodyBytes: CentralAPI.maxRequestBodyBytes) { req in
            for route in chain { if let r = route(req) { return r } }
            return .json(404, bytes: JSONWriter.bytes(.object(JSONObject([("error", .string("not found: \(req.path)"))]))))
        }
        loop.start()
        logger.info("listening", [("address", "\(server.host):\(server.port)"), ("database", settings.database),
                                  ("lake", settings.lakeDir), ("analyzer", rescorer.model)])
    }

    /// Creates the indexes, waiting for MongoDB a while (compose may start it after us).
    private static func prepare(_ store: CentralStore, settings: CentralSettings, logger: Logger) throws {
        var attempt = 0
        while true {
            do {
                try store.ensureIndexes(eventTTLSeconds: settings.eventTTLSeconds)
                return
            } catch {
                attempt += 1
                guard error.isRetriable, attempt < 30 else { throw error }
                logger.warning("MongoDB not reachable yet, retrying", [("error", error.description)])
                Thread.sleep(forTimeInterval: 2)
            }
        }
    }

    /// Stops consuming (the current batch finishes or is abandoned uncommitted), leaves the
    /// group, then stops the HTTP server.
    public func stop() {
        loop.stop()
        try? processor.flushPrunes()
        server.stop()
    }
}
