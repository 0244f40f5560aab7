import CorridorModel
import Foundation
@testable import EdgeAgent

/// A loopback port nobody listens on right now.
func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return UInt16(bigEndian: addr.sin_port)
}

/// The `corridor-edge` binary built beside the test bundle.
func edgeBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // swift test runs …/debug/CorridorPackageTests.xctest
    if dir.path.hasSuffix(".xctest") || dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent() }
    let p = dir.appendingPathComponent("corridor-edge").path
    precondition(FileManager.default.isExecutableFile(atPath: p), "corridor-edge not built at \(p): run swift build first")
    return p
}

/// An in-process agent (outbox + capture + HTTP API on a free port).
final class InProcessAgent {
    let dir: TempDir
    let outbox: Outbox
    let capture: CaptureService
    let server: HTTPServerBox
    let api: EdgeAPI

    init(budget: Int64 = Outbox.defaultBudget, token: String? = nil, dir: TempDir = TempDir()) throws {
        self.dir = dir
        outbox = try Outbox(directory: dir.path, budgetBytes: budget, logger: .silent)
        capture = CaptureService(stationID: "ML-TEST-001", outbox: outbox, scorer: SentimentWiring.scorer)
        let api = EdgeAPI(capture: capture, token: token, version: "test")
        self.api = api
        server = try HTTPServerBox(api)
    }

    func client() throws -> LoadClient { try LoadClient(port: server.port) }

    func post(_ path: String, _ body: String) throws -> (Int, JSONValue) {
        let (s, b) = try client().request(method: "POST", path: path, body: Array(body.utf8))
        return (s, (try? JSONParser.parse(b)) ?? .null)
    }

    func stop() {
        server.stop()
        outbox.close()
        dir.cleanup()
    }
}

import HTTPServer
import TestServices
final class HTTPServerBox {
    let server: HTTPServer
    init(_ api: EdgeAPI) throws { server = try HTTPServer(host: "127.0.0.1", port: 0, maxBodyBytes: EdgeAPI.maxBatchBody) { api.handle($0) } }
    var port: UInt16 { server.port }
    func stop() { server.stop() }
}

/// `corridor-edge run` as a child process (posix_spawn with a clean signal mask, so SIGTERM works
/// under the test runner).
final class AgentProcess {
    let child: ChildProcess
    let port: UInt16
    let log: String

    init(dataDir: String, port: UInt16, extra: [String] = [], wrapper: [String] = [], environment: [String: String] = [:]) throws {
        self.port = port
        log = dataDir + "-agent.log"
        let args = ["run", "--data-dir", dataDir, "--station-id", "ML-TEST-001", "--listen", "127.0.0.1:\(port)",
                    "--transport", "none"] + extra
        if wrapper.isEmpty {
            child = try ChildProcess(executable: edgeBinary(), arguments: args, environment: environment, logPath: log)
        } else {
            child = try ChildProcess(executable: wrapper[0], arguments: Array(wrapper.dropFirst()) + [edgeBinary()] + args,
                                     environment: environment, logPath: log)
        }
    }

    /// Waits until `/healthz` answers 200.
    func waitReady(timeout: Double = 20) throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if !child.isRunning { throw TestFailure("agent exited early: \(logText)") }
            if let c = try? LoadClient(port: port), let (s, _) = try? c.request(method: "GET", path: "/healthz", body: []), s == 200 { return }
            usleep(20_000)
        }
        throw TestFailure("agent not ready after \(timeout) s: \(logText)")
    }

    var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    func kill9() { child.kill9() }

    /// SIGTERM; the exit code (or -1 if it had to be killed).
    func terminate() -> Int32 {
        kill(child.pid, SIGTERM)
        guard let raw = child.wait(timeout: .seconds(15)) else { child.kill9(); return -1 }
        return (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : -1
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
