import CorridorModel
import Dispatch
import Options
#if canImport(Glibc)
import Glibc
#endif

/// `corridor-central run`: one replica of the speed layer.
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        summary: "Run a central replica: Kafka consumer group → raw lake + MongoDB (events, indicators, stations, alerts), /healthz, /metrics.",
        usage: "corridor-central run --kafka-brokers LIST --mongo-uri URI --lake-dir DIR [--listen HOST:PORT] [--group ID] [--config FILE] [options]",
        options: CentralSettings.runOptions,
        details: """
        Every option can also be set in the config file (key = value, e.g. lake_dir = /var/lib/corridor/lake)
        or as a CORRIDOR_* environment variable; the command line wins, then the environment, then the file.
        Librdkafka properties go in the file's [kafka] section or as --set kafka.PROPERTY=VALUE.
        Run several replicas with the same --group to share the partitions. SIGTERM or SIGINT stops
        cleanly: the batch in progress finishes (or is left uncommitted), the replica leaves the group.
        """,
        passThroughPrefixes: ["kafka."])

    static func run(_ args: [String]) throws -> Int32 {
        let opts = try spec.parse(args)
        if opts.helpRequested { Console.out(spec.helpText); return 0 }
        let settings = try CentralSettings(opts)
        let logger = Logger(label: "corridor-central", minimum: settings.logLevel)
        let signals = TerminationSignals(label: "corridor-central.signals")
        let runtime: CentralRuntime
        do {
            runtime = try CentralRuntime(settings: settings, rescorer: CentralWiring.rescorer, logger: logger,
                                         version: CentralCLI.version, routes: CentralWiring.routes)
        } catch {
            logger.error("cannot start: \(error)")
            return 1
        }
        signals.wait()
        logger.info("stopping")
        runtime.stop()
        logger.info("stopped cleanly")
        return 0
    }
}
