import CorridorModel
import Dispatch
import Foundation
import Synchronization
import Testing
import TestServices
@testable import EdgeAgent

/// The product's first promise: a capture answered 201 survives a crash at any instant.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PowerCutTests {
    @Test func everyAcknowledgedCaptureSurvivesKill9() throws {
        let d = TempDir("powercut"); defer { d.cleanup() }
        let port = freePort()
        let acked = Mutex<[String]>([])
        let rounds = 20
        for round in 0..<rounds {
            let agent = try AgentProcess(dataDir: d.path, port: port)
            try agent.waitReady()
            let group = DispatchGroup()
            for w in 0..<8 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    guard let c = try? LoadClient(port: port) else { return }
                    var n = 0
                    while true {
                        let body = w % 4 == 3
                            ? "{\"kind\":\"review\",\"service\":\"fuel\",\"rating\":4}\n{\"kind\":\"transaction\",\"service\":\"gas\",\"amount_xof\":\(n)}\n"
                            : "{\"service\":\"shop\",\"rating\":\(n % 5 + 1),\"text\":\"round \(round) worker \(w) n \(n)\"}"
                        let path = w % 4 == 3 ? "/v1/events" : "/v1/reviews"
                        guard let (s, b) = try? c.request(method: "POST", path: path, body: Array(body.utf8)) else { return }
                        guard s == 201, let v = try? JSONParser.parse(b) else { return }
                        let ids = v["ids"]?.arrayValue?.compactMap(\.stringValue) ?? [v["id"]?.stringValue].compactMap { $0 }
                        acked.withLock { $0.append(contentsOf: ids) }
                        n += 1
                    }
                }.start()
            }
            usleep(UInt32.random(in: 30_000...250_000))
            agent.kill9()
            group.wait()
        }
        // A last start proves the outbox opens cleanly after the final cut.
        let agent = try AgentProcess(dataDir: d.path, port: port)
        try agent.waitReady()
        #expect(agent.terminate() == 0)
        #expect(!agent.logText.contains("CORRUPT"))

        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        let stored = try o.allIDs()
        let storedSet = Set(stored)
        let ackedIDs = acked.withLock { $0 }
        #expect(ackedIDs.count > 200, "only \(ackedIDs.count) captures acknowledged")
        #expect(stored.count == storedSet.count, "\(stored.count - storedSet.count) duplicate rows")
        let lost = ackedIDs.filter { !storedSet.contains($0) }
        #expect(lost.count == 0, "\(lost.count) acknowledged captures lost, e.g. \(lost.prefix(3))")
        #expect(o.quarantinedFile == nil)
    }

    @Test func sigtermStopsCleanly() throws {
        let d = TempDir("sigterm"); defer { d.cleanup() }
        let agent = try AgentProcess(dataDir: d.path, port: freePort())
        try agent.waitReady()
        #expect(agent.terminate() == 0)
        #expect(agent.logText.contains("stopped cleanly"))
    }

    @Test func corruptOutboxIsQuarantinedAndTheAgentServesAgain() throws {
        let d = TempDir("corrupt"); defer { d.cleanup() }
        try Data(repeating: 0x5A, count: 64 * 1024).write(to: URL(fileURLWithPath: d.path + "/outbox.db"))
        let port = freePort()
        let agent = try AgentProcess(dataDir: d.path, port: port)
        try agent.waitReady()
        let c = try LoadClient(port: port)
        let (s, _) = try c.request(method: "POST", path: "/v1/reviews", body: Array(#"{"service":"fuel","rating":5}"#.utf8))
        #expect(s == 201)
        let (_, hb) = try c.request(method: "GET", path: "/healthz", body: [])
        let q = try JSONParser.parse(hb)["outbox"]?["quarantined_file"]?.stringValue
        #expect(q?.contains("outbox.db.corrupt-") == true)
        #expect(FileManager.default.fileExists(atPath: q ?? "/nonexistent"))
        #expect(agent.logText.contains("OUTBOX CORRUPT"))
        #expect(agent.terminate() == 0)
    }
}

/// What a real power cut tests: the `201` must leave only after the fsync that covers its commit.
/// strace shows the order of the agent's write, fsync and socket syscalls.
@Suite(.serialized, .timeLimit(.minutes(2))) struct FsyncOrderTests {
    @Test func every201IsSentAfterTheWALIsSynced() throws {
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tracer = try #require(strace, "strace is missing: run scripts/setup.sh")
        let d = TempDir("fsync"); defer { d.cleanup() }
        let port = freePort()
        let trace = d.path + "/strace.out"
        let agent = try AgentProcess(dataDir: d.path + "/agent", port: port, extra: ["--log-level", "error"],
                                     wrapper: [tracer, "-f", "-e", "trace=fsync,fdatasync,pwrite64,write,sendmsg,sendto,writev", "-o", trace])
        try agent.waitReady(timeout: 60)
        let c = try LoadClient(port: port)
        for n in 0..<5 {
            let (s, _) = try c.request(method: "POST", path: "/v1/reviews", body: Array("{\"service\":\"fuel\",\"rating\":\(n % 5 + 1)}".utf8))
            #expect(s == 201)
        }
        // Stop the traced agent itself (strace exits with it).
        let children = (try? String(contentsOfFile: "/proc/\(agent.child.pid)/task/\(agent.child.pid)/children", encoding: .utf8)) ?? ""
        let agentPID = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        kill(agentPID, SIGTERM)
        #expect(agent.child.wait(timeout: .seconds(20)) != nil)
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        // Each "201 Created" send must be preceded by an fsync/fdatasync after the last file write.
        var sends = 0
        var dirty = false
        for l in lines {
            if l.contains("pwrite64(") { dirty = true }
            if l.contains("fdatasync(") || l.contains("fsync(") { dirty = false }
            if l.contains("201 Created") {
                sends += 1
                #expect(!dirty, "a 201 left before the WAL write was synced: \(l.prefix(120))")
            }
        }
        #expect(sends == 5)
    }
}
