import Foundation
import TestServices
import Testing

/// The agent under a `Type=notify` unit, without systemd: the test plays systemd's side of the
/// notification socket (an AF_UNIX datagram socket named by `NOTIFY_SOCKET`) and the watchdog
/// (`WATCHDOG_USEC`), and reads what the real `corridor-edge run` binary sends.
@Suite(.timeLimit(.minutes(1)))
struct SystemdNotifyTests {
    @Test func readyStatusWatchdogAndStoppingReachTheNotifySocket() throws {
        let d = TempDir("sdnotify"); defer { d.cleanup() }
        let socket = try NotifySocket(path: d.path + "/notify.sock")
        defer { socket.close() }
        let agent = try AgentProcess(dataDir: d.path + "/agent", port: freePort(),
                                     environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "2000000"])
        try agent.waitReady()

        let first = try #require(socket.receive(timeout: 10), "no notification: \(agent.logText)")
        #expect(first.hasPrefix("READY=1\nSTATUS="), "\(first)")
        #expect(first.contains("pending"), "the status line tells the backlog: \(first)")
        // WATCHDOG_USEC = 2 s: the agent pings every second while its forwarder turns.
        var pings = 0
        let end = Date().addingTimeInterval(4.5)
        while Date() < end, let m = socket.receive(timeout: 1) { if m == "WATCHDOG=1" { pings += 1 } }
        #expect(pings >= 3, "watchdog pings in 4.5 s: \(pings)")

        #expect(agent.terminate() == 0)
        var rest: [String] = []
        while let m = socket.receive(timeout: 1) { rest.append(m) }
        #expect(rest.contains { $0.hasPrefix("STOPPING=1") }, "\(rest)")
    }

    @Test func withoutNotifySocketNothingIsSentAndTheAgentRuns() throws {
        let d = TempDir("sdnotify-off"); defer { d.cleanup() }
        let agent = try AgentProcess(dataDir: d.path, port: freePort(), environment: ["WATCHDOG_USEC": "2000000"])
        try agent.waitReady()
        #expect(agent.terminate() == 0)
        #expect(agent.logText.contains("stopped cleanly"))
    }
}

/// systemd's end of the notification socket.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { throw TestFailure("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { throw TestFailure("bind \(path): \(errno)") }
    }

    /// The next datagram, or nil after `timeout` seconds.
    func receive(timeout: Double) -> String? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    func close() {
        Glibc.close(fd)
        unlink(path)
    }
}

/// The agent's footprint: libcurl (and the Kerberos/LDAP/SSH/RTMP libraries it pulls in) is
/// mapped only once the HTTPS transport posts, not by an agent that captures and forwards over
/// Kafka (or not at all). Neither the agent nor the librdkafka it loads links libcurl.
@Suite(.timeLimit(.minutes(1)))
struct FootprintTests {
    @Test func libcurlIsNotMappedUnlessHTTPSIsUsed() throws {
        let d = TempDir("footprint"); defer { d.cleanup() }
        let agent = try AgentProcess(dataDir: d.path, port: freePort(),
                                     extra: ["--transport", "kafka", "--kafka-brokers", "127.0.0.1:1"])
        try agent.waitReady()
        // Read to the end (a /proc file has no size, and a single read may stop at a page).
        let h = try #require(FileHandle(forReadingAtPath: "/proc/\(agent.child.pid)/maps"))
        let maps = String(decoding: try h.readToEnd() ?? Data(), as: UTF8.self)
        try h.close()
        #expect(maps.contains("librdkafka"), "the check reads the right process")
        #expect(!maps.contains("libcurl"), "libcurl mapped at start")
        #expect(agent.terminate() == 0)
    }
}
