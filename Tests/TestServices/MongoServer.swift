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
    private let process: MongoServerChild
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
            let port = try mongoServerFreeTCPPort()
            let p = try MongoServerChild(binary, [
                "--host", "127.0.0.1", "-p", String(port),
                "--data-dir", dir.appendingPathComponent("data").path,
                "--pid-file", dir.appendingPathComponent("nx.pid").path,
                "--log-file", dir.appendingPathComponent("nx.log").path,
            ])
            if mongoServerWaitForTCP(port: port, process: p, timeout: 20) {
                return MongoServer(port: port, directory: dir, process: p)
            }
            p.stop(grace: 2)
            let log = (try? String(contentsOf: dir.appendingPathComponent("nx.log"), encoding: .utf8)) ?? ""
            lastError = "nx-27017 did not answer on port \(port); log tail: \(log.suffix(800))"
        }
        try? FileManager.default.removeItem(at: dir)
        throw StartError(description: lastError)
    }

    private init(port: Int, directory: URL, process: MongoServerChild) {
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
        process.stop(grace: 5)
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}

// Private process helpers (the shared ones live in ProcessSupport.swift on another branch;
// prefixed so both can coexist until they are merged).

/// A loopback port that was free a moment ago (bind to port 0, read it back, close).
func mongoServerFreeTCPPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw MongoServer.StartError(description: "socket() failed: errno \(errno)") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw MongoServer.StartError(description: "bind() failed: errno \(errno)") }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    guard named == 0 else { throw MongoServer.StartError(description: "getsockname() failed: errno \(errno)") }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// Polls until `port` accepts a TCP connection; false when `process` exits or time runs out.
func mongoServerWaitForTCP(port: Int, process: MongoServerChild, timeout: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if !process.isRunning { return false }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if fd >= 0 {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = UInt16(port).bigEndian
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if rc == 0 { return true }
        }
        usleep(50_000)
    }
    return false
}

/// A child process started with posix_spawn, with a clean signal mask and default handlers.
///
/// Why not Foundation's `Process`: it spawns from whatever thread calls it, and the child
/// inherits that thread's signal mask; Swift Testing / Dispatch worker threads block nearly
/// every signal, so the server would never see SIGTERM and `stop()` would wait for SIGKILL.
final class MongoServerChild: @unchecked Sendable {
    // @unchecked: `exited` is only touched by `stop()`, which MongoServer serialises with its lock.
    let pid: pid_t
    private var exited = false

    init(_ path: String, _ arguments: [String]) throws {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, environ)
        guard rc == 0 else {
            throw MongoServer.StartError(description: "posix_spawn \(path) failed: \(String(cString: strerror(rc)))")
        }
        self.pid = pid
    }

    /// True while the child has not exited (reaps it when it has).
    var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno == ECHILD) { exited = true }
        return !exited
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; returns once the child is reaped.
    func stop(grace: TimeInterval) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(10_000) }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning { usleep(10_000) }
        }
    }

    deinit { stop(grace: 1) }
}
