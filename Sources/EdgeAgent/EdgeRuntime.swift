import CorridorModel
import HTTPServer

/// The running agent: outbox, capture service and HTTP API (and, when configured, the forwarder).
public final class EdgeRuntime: Sendable {
    public let settings: EdgeSettings
    public let outbox: Outbox
    public let capture: CaptureService
    public let server: HTTPServer
    /// Sends the outbox to central (link state for `/healthz`, `/metrics`, `status`).
    public let forwarder: Forwarder
    private let logger: Logger

    public init(settings: EdgeSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        outbox = try Outbox(directory: settings.dataDir, budgetBytes: settings.budgetBytes, sync: settings.sync, logger: logger)
        if let q = outbox.quarantinedFile {
            logger.error("the outbox was found corrupt and replaced; the damaged file is kept at \(q)")
        }
        try outbox.setMeta("station_id", settings.stationID)
        capture = CaptureService(stationID: settings.stationID, outbox: outbox, scorer: SentimentWiring.scorer)
        let (fc, note) = ForwarderConfig.resolve(settings, version: EdgeCLI.version)
        if let note { logger.warning(note) }
        let forwarder = Forwarder(config: fc, outbox: outbox, logger: logger)
        self.forwarder = forwarder
        let api = EdgeAPI(capture: capture, token: settings.token, version: EdgeCLI.version,
                          health: { forwarder.health() }, extraMetrics: { forwarder.metrics() })
        server = try HTTPServer(host: settings.listenHost, port: settings.listenPort, maxBodyBytes: EdgeAPI.maxBatchBody) { req in
            api.handle(req)
        }
        let s = try outbox.status()
        logger.info("listening", [("address", "\(server.host):\(server.port)"), ("station", settings.stationID),
                                  ("pending", String(s.pending)), ("budget_bytes", String(s.budgetBytes))])
        forwarder.start()
        if settings.listenHost != "127.0.0.1", settings.token == nil {
            logger.warning("listening beyond loopback without --token: remote clients will be refused")
        }
    }

    /// Stops serving, drains the forwarder's in-flight deliveries, then closes the outbox after
    /// its queued commits.
    public func stop() {
        server.stop()
        forwarder.stop()
        outbox.close()
    }
}
