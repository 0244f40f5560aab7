import CorridorModel
import Foundation
import Kafka
import Mongo
import Testing
import TestServices
@testable import CentralService

/// The whole path with real processes: `corridor-edge run` agents (capture API → SQLite outbox →
/// forwarder) → Tansu → `corridor-central run` → nx-27017, read back through central's JSON API.
@Suite(.serialized, .timeLimit(.minutes(5))) struct EdgeToCentralTests {
    func edgeBinary() -> String {
        let p = (centralBinary() as NSString).deletingLastPathComponent + "/corridor-edge"
        precondition(FileManager.default.isExecutableFile(atPath: p), "corridor-edge not built at \(p)")
        return p
    }

    func startEdge(station: String, dataDir: String, brokers: String, topics: [String], log: String) throws -> (ChildProcess, Int) {
        let port = try freeTCPPort()
        let p = try ChildProcess(executable: edgeBinary(), arguments: [
            "run", "--data-dir", dataDir, "--station-id", station, "--listen", "127.0.0.1:\(port)",
            "--transport", "kafka", "--kafka-brokers", brokers, "--topic-reviews", topics[0],
            "--topic-transactions", topics[1], "--topic-heartbeats", topics[2], "--heartbeat-interval", "2s",
        ], logPath: log)
        try waitForTCP(port: port, timeout: .seconds(20), process: p)
        return (p, port)
    }

    /// POST over a loopback socket; the status code (0 when nothing answers).
    func post(port: Int, path: String, json: String) -> Int {
        httpRequest(port: port, method: "POST", path: path, json: json)?.0 ?? 0
    }

    @Test func reviewsCapturedAtEdgesAreCountedExactlyThroughTheAPI() throws {
        let kafka = try TansuBroker.start()
        let mongo = try MongoServer.start()
        let lake = TempDir("e2e-lake"), logs = TempDir("e2e-logs"), data = TempDir("e2e-edges")
        defer { kafka.stop(); mongo.stop(); lake.cleanup(); logs.cleanup(); data.cleanup() }
        let tag = UUID().uuidString.prefix(8).lowercased()
        let topics = ["rev-\(tag)", "tx-\(tag)", "hb-\(tag)"]
        try KafkaAdmin(config: ["bootstrap.servers": kafka.bootstrap]).createTopics(topics, partitions: 4)
        let database = uniqueName("e2e")
        let central = try CentralProcess(brokers: kafka.bootstrap, mongoURI: mongo.uri, database: database, lakeDir: lake.path,
                                         topics: topics, group: "g-\(tag)", logPath: logs.path + "/central.log", batchSize: 100)
        defer { central.process.terminate() }

        // Star ratings alone give known labels: 1–2 unsatisfied, 3 neutral, 4–5 satisfied.
        let stations = ["ML-E2E-001", "ML-E2E-002"]
        var want: [String: (sat: Int, neu: Int, unsat: Int, tx: Int, revenue: Int)] = [:]
        var edges: [ChildProcess] = []
        for (k, station) in stations.enumerated() {
            let (edge, port) = try startEdge(station: station, dataDir: data.path + "/\(station)", brokers: kafka.bootstrap,
                                             topics: topics, log: logs.path + "/\(station).log")
            edges.append(edge)
            var w = (sat: 0, neu: 0, unsat: 0, tx: 0, revenue: 0)
            for i in 0..<(40 + 10 * k) {
                let rating = (i * 7 + k) % 5 + 1
                #expect(post(port: port, path: "/v1/reviews", json: #"{"service":"fuel","rating":\#(rating)}"#) == 201)
                if rating <= 2 { w.unsat += 1 } else if rating == 3 { w.neu += 1 } else { w.sat += 1 }
                if i % 4 == 0 {
                    #expect(post(port: port, path: "/v1/transactions", json: #"{"service":"fuel","amount_xof":\#(1000 + i),"wait_seconds":60}"#) == 201)
                    w.tx += 1
                    w.revenue += 1000 + i
                }
            }
            want[station] = w
        }
        defer { edges.forEach { $0.terminate() } }

        func observed(_ station: String) -> (sat: Int, neu: Int, unsat: Int, tx: Int, revenue: Int)? {
            guard let (status, body) = central.get("/api/v1/indicators?station=\(station)&bucket=1d"), status == 200,
                  let items = (try? JSONParser.parse(body))?["items"]?.arrayValue else { return nil }
            var o = (sat: 0, neu: 0, unsat: 0, tx: 0, revenue: 0)
            for it in items {
                o.sat += Int(it["satisfied"]?.intValue ?? 0); o.neu += Int(it["neutral"]?.intValue ?? 0)
                o.unsat += Int(it["unsatisfied"]?.intValue ?? 0); o.tx += Int(it["transactions"]?.intValue ?? 0)
                o.revenue += Int(it["revenue_xof"]?.intValue ?? 0)
            }
            return o
        }
        let done = try waitUntil(timeout: .seconds(90)) {
            stations.allSatisfy { s in observed(s).map { $0 == want[s]! } ?? false }
        }
        for s in stations {
            #expect(done && observed(s)! == want[s]!, "\(s): API \(String(describing: observed(s))) want \(want[s]!); logs in \(logs.path)")
        }
        // Heartbeats reached the stations view.
        #expect(try waitUntil(timeout: .seconds(20)) {
            guard let (_, body) = central.get("/api/v1/stations") else { return false }
            return stations.allSatisfy { body.contains($0) }
        })
    }
}
