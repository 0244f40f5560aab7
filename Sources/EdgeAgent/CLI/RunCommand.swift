import CorridorModel
import Dispatch
import HTTPServer
import Options
#if canImport(Glibc)
import Glibc
#endif

/// `corridor-edge run`: the daemon.
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        summary: "Run the station agent: local capture API and kiosk page, durable SQLite outbox, forwarder to central.",
        usage: "corridor-edge run --data-dir DIR --station-id ID [--listen HOST:PORT] [--config FILE] [options]",
        options: EdgeSettings.runOptions,
        details: """
        Every option can also be set in the config file (key = value, e.g. data_dir = /var/lib/corridor)
        or as a CORRIDOR_* environment variable; the command line wins, then the environment, then the file.
        Librdkafka properties go in the file's [kafka] section or as --set kafka.PROPERTY=VALUE.
        SIGTERM or SIGINT stops the agent cleanly: in-flight deliveries are drained first.
        """,
        passThroughPrefixes: ["kafka."])

    static func run(_ args: [String]) throws -> Int32 {
        let opts = try spec.parse(args)
        if opts.helpRequested { Console.out(spec.helpText); return 0 }
        let settings = try EdgeSettings(opts)
        let logger = Logger(label: "corridor-edge", minimum: settings.logLevel)
        let agent: EdgeRuntime
        do {
            agent = try EdgeRuntime(settings: settings, logger: logger)
        } catch {
            logger.error("cannot start: \(error)")
            return 1
        }
        // Signals are handled on a queue; the main thread waits for the stop.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let stop = DispatchSemaphore(value: 0)
        let q = DispatchQueue(label: "corridor-edge.signals")
        let sources = [SIGTERM, SIGINT].map { sig -> any DispatchSourceSignal in
            let s = DispatchSource.makeSignalSource(signal: sig, queue: q)
            s.setEventHandler { stop.signal() }
            s.resume()
            return s
        }
        stop.wait()
        logger.info("stopping")
        agent.stop()
        sources.forEach { $0.cancel() }
        logger.info("stopped cleanly")
        return 0
    }
}
