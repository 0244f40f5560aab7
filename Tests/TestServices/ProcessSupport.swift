// Process helpers shared by the test servers (Tansu, nx-27017): free loopback ports, child
// processes spawned with posix_spawn (so kill -9 and reaping are ours), TCP readiness.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An error while starting or talking to a test server; the message says what to do.
public struct TestServiceError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked it for a bind to port 0).
public func freeTCPPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestServiceError("socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw TestServiceError("bind: \(String(cString: strerror(errno)))") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw TestServiceError("getsockname: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port` right now.
public func isTCPOpen(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = loopback(port: port)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}

/// Waits until 127.0.0.1:`port` accepts connections; throws after `timeout`, or at once when
/// `process` (the server being waited for) has exited.
public func waitForTCP(port: Int, timeout: Duration = .seconds(15), process: ChildProcess? = nil) throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if isTCPOpen(port: port) { return }
        if let process, let status = process.exitStatus() {
            throw TestServiceError("\(process.name) exited (status \(status)) before listening on port \(port); log: \(process.logPath)")
        }
        usleep(20_000)
    }
    throw TestServiceError("nothing listening on 127.0.0.1:\(port) after \(timeout)")
}

private func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return address
}

/// A child process started with `posix_spawn`, stdout and stderr appended to `logPath`.
/// Killed with SIGKILL when released while still running, so a failed test leaves no server.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    public let name: String
    public let logPath: String
    /// The wait status once reaped.
    private let status = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments`; `environment` entries are added to this process's.
    public init(executable: String, arguments: [String], environment: [String: String] = [:], logPath: String) throws {
        guard access(executable, X_OK) == 0 else { throw TestServiceError("not executable: \(executable)") }
        self.name = (executable as NSString).lastPathComponent
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The test runner's threads block some signals and posix_spawn would pass that mask on
        // (Tansu then ignores SIGTERM): give the child an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        sigdelset(&signals, SIGKILL)
        sigdelset(&signals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestServiceError("posix_spawn \(executable): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    deinit {
        if exitStatus() == nil { kill9() }
    }

    /// The wait status if the process has exited (reaps it), nil while it runs.
    public func exitStatus() -> Int32? {
        status.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            return status
        }
    }

    public var isRunning: Bool { exitStatus() == nil }

    /// SIGKILL and reap: a crash, as far as the server can tell.
    public func kill9() {
        guard exitStatus() == nil else { return }
        kill(pid, SIGKILL)
        _ = wait(timeout: .seconds(10))
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`.
    public func terminate(grace: Duration = .seconds(5)) {
        guard exitStatus() == nil else { return }
        kill(pid, SIGTERM)
        if wait(timeout: grace) == nil { kill9() }
    }

    /// Waits up to `timeout` for the process to exit; its wait status, or nil if still running.
    @discardableResult
    public func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = exitStatus() { return status }
            usleep(10_000)
        }
        return exitStatus()
    }
}
