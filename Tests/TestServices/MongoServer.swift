import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private nx-27017 (MongoDB wire protocol over SQLite) on a free loopback port, with its
/// own pid file, log file and data directory in a fresh temporary directory.
///
/// Start one per test (start-up takes well under a second) and `stop()` it in a `defer`;
/// `deinit` stops it too. Point `MongoClient` at `uri`.
public final class MongoServer: @unchecked Sendable {
    // @unchecked: the mutable state (the child process) is only touched under `lock`.
    /// `mongodb://127.0.0.1:PORT/?serverSelectionTimeoutMS=5000` (short timeouts: tests should
    /// fail fast when the server is gone).
    public let uri: String
    public let port: Int
    /// The temporary directory holding `data/`, `nx.pid`, `nx.log`; removed by `stop()`.
    public let directory: URL
    private let process: ChildProcess
    private let lock = NSLock()
    private var stopped = false

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the server and waits (up to 20 s) until it accepts TCP connections.
    /// Throws, naming `scripts/setup.sh`, when the nx-27017 binary is missing.
    public static func start() throws -> MongoServer {
        let venv = ProcessInfo.processInfo.environment["CORRIDOR_VENV"] ?? "/opt/corridor/venv"
        let binary = venv + "/bin/nx-27017"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw StartError(description:
                "nx-27017 not found at \(binary): run scripts/setup.sh (or set CORRIDOR_VENV to the venv holding it)")
        }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-nx-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)

        // A port found free can be taken before the server binds it: retry a few times.
        var lastError = "no attempt"
        for _ in 0..<3 {
            let port = try freeTCPPort()
            let p = try ChildProcess(executable: binary, arguments: [
                "--host", "127.0.0.1", "-p", String(port),
                "--data-dir", dir.appendingPathComponent("data").path,
                "--pid-file", dir.appendingPathComponent("nx.pid").path,
                "--log-file", dir.appendingPathComponent("nx.log").path,
            ], logPath: "/dev/null")
            if (try? waitForTCP(port: port, timeout: .seconds(20), process: p)) != nil {
                return MongoServer(port: port, directory: dir, process: p)
            }
            p.terminate(grace: .seconds(2))
            let log = (try? String(contentsOf: dir.appendingPathComponent("nx.log"), encoding: .utf8)) ?? ""
            lastError = "nx-27017 did not answer on port \(port); log tail: \(log.suffix(800))"
        }
        try? FileManager.default.removeItem(at: dir)
        throw StartError(description: lastError)
    }

    private init(port: Int, directory: URL, process: ChildProcess) {
        self.port = port
        self.directory = directory
        self.process = process
        self.uri = "mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=5000&connectTimeoutMS=2000"
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its directory. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        process.terminate(grace: .seconds(5))
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}

