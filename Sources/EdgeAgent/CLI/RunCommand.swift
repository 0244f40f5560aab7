import CorridorModel
import Dispatch
import HTTPServer
import Options
import SystemdNotify
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
        // Before start-up, so a SIGTERM during it is a clean stop too.
        let signals = TerminationSignals(label: "corridor-edge.signals")
        let agent: EdgeRuntime
        do {
            agent = try EdgeRuntime(settings: settings, logger: logger)
        } catch {
            logger.error("cannot start: \(error)")
            return 1
        }
        // systemd (Type=notify): ready now; a status line every 10 s; watchdog pings only while
        // the forwarder loop keeps turning (a wedged forwarder gets the service restarted).
        SystemdNotify.ready(status: statusLine(agent))
        let watchdogEvery = SystemdNotify.watchdogInterval.map { $0 / 2 }
        let tick = DispatchSource.makeTimerSource(queue: signals.queue)
        var ticks = 0
        tick.schedule(deadline: .now() + .seconds(1), repeating: .seconds(1))
        tick.setEventHandler {
            ticks += 1
            if ticks % 10 == 0 { SystemdNotify.status(statusLine(agent)) }
            if let w = watchdogEvery, ticks % max(1, Int(w.components.seconds)) == 0,
               agent.forwarder.isResponsive(withinSeconds: 90) {
                SystemdNotify.watchdog()
            }
        }
        tick.resume()
        signals.wait()
        tick.cancel()
        logger.info("stopping")
        SystemdNotify.stopping(status: "draining in-flight deliveries")
        agent.stop()
        logger.info("stopped cleanly")
        return 0
    }

    /// The line `systemctl status` shows: backlog and link.
    static func statusLine(_ agent: EdgeRuntime) -> String {
        let s = agent.forwarder.state.snapshot
        let pending = (try? agent.outbox.status()).map { String($0.pending) } ?? "?"
        return "pending \(pending); transport \(s.transport); link: \(ForwarderState.summary(s))"
    }
}
