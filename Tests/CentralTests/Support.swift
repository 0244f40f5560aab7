import CorridorModel
import Foundation
import Kafka
import Mongo
import TestServices
@testable import CentralService

func uniqueName(_ prefix: String) -> String { "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())" }

/// A model version no central analyzer has reached: such reviews are never re-scored, so a
/// test's labels are the labels it sent whatever analyzer the build wires.
let pinnedModel = "corridor-lex/999"

let ids = UUIDv7Generator()

/// A review whose label is fixed by the test.
func review(station: String, service: ServicePole = .fuel, label: SentimentLabel, at: Timestamp = .now(),
            aspects: [AspectSentiment] = [], rating: Int? = nil) -> Event {
    var e = Event(kind: .review, id: ids.next(), stationID: station, capturedAt: at, service: service)
    e.rating = rating ?? (label == .satisfied ? 5 : label == .neutral ? 3 : 1)
    e.text = "avis de test"
    e.channel = .kiosk
    let score = label == .satisfied ? 0.8 : label == .neutral ? 0 : -0.8
    e.sentiment = SentimentAssessment(label: label, score: score, aspects: aspects, model: pinnedModel)
    return e
}

func transaction(station: String, service: ServicePole = .fuel, amount: Int64, wait: Int64?, at: Timestamp = .now()) -> Event {
    var e = Event(kind: .transaction, id: ids.next(), stationID: station, capturedAt: at, service: service)
    e.amountXOF = amount
    e.waitSeconds = wait
    e.payment = .cash
    e.product = "gasoil"
    e.quantity = 10
    return e
}

func heartbeat(station: String, at: Timestamp = .now(), version: String = "0.1.0", pending: Int64 = 3) -> Event {
    var e = Event(kind: .heartbeat, id: ids.next(), stationID: station, capturedAt: at)
    e.heartbeat = Heartbeat(version: version, pending: pending, oldestPendingAgeSeconds: 12, bytes: 4096,
                            lastSendAt: at, link: "3g")
    return e
}

/// Kafka messages as a poll would return them (for in-process pipeline tests).
func messages(_ events: [Event], topic: String = "t", partitions: Int32 = 2, firstOffset: Int64 = 0) -> [KafkaMessage] {
    var next: [Int32: Int64] = [:]
    return events.map { e in
        let p = Int32(abs(e.stationID.hashValue) % Int(partitions))
        let o = next[p, default: firstOffset]
        next[p] = o + 1
        return KafkaMessage(topic: topic, partition: p, offset: o, key: Array(e.stationID.utf8), value: e.jsonBytes)
    }
}

/// Label counts summed over one bucket granularity.
struct Totals: Equatable, CustomStringConvertible {
    var reviews = 0, satisfied = 0, neutral = 0, unsatisfied = 0, transactions = 0, revenue = 0, waitSum = 0, waitCount = 0
    var description: String {
        "reviews=\(reviews) sat=\(satisfied) neu=\(neutral) unsat=\(unsatisfied) tx=\(transactions) revenue=\(revenue) wait=\(waitSum)/\(waitCount)"
    }
}

func totals(_ indicators: MongoCollection, bucket: String) throws -> Totals {
    var t = Totals()
    for d in try indicators.find(["bucket": .string(bucket)]) {
        t.reviews += d["reviews"]?.intValue ?? 0
        t.satisfied += d["satisfied"]?.intValue ?? 0
        t.neutral += d["neutral"]?.intValue ?? 0
        t.unsatisfied += d["unsatisfied"]?.intValue ?? 0
        t.transactions += d["transactions"]?.intValue ?? 0
        t.revenue += d["revenue_xof"]?.intValue ?? 0
        t.waitSum += d["wait_sum"]?.intValue ?? 0
        t.waitCount += d["wait_count"]?.intValue ?? 0
    }
    return t
}

func expectedTotals(_ events: [Event]) -> Totals {
    var t = Totals()
    for e in events {
        switch e.kind {
        case .review:
            t.reviews += 1
            switch e.sentiment!.label {
            case .satisfied: t.satisfied += 1
            case .neutral: t.neutral += 1
            case .unsatisfied: t.unsatisfied += 1
            }
        case .transaction:
            t.transactions += 1
            t.revenue += Int(e.amountXOF!)
            if let w = e.waitSeconds { t.waitSum += Int(w); t.waitCount += 1 }
        case .heartbeat: break
        }
    }
    return t
}

/// Polls `condition` every 100 ms until true or `timeout`; returns its last value.
@discardableResult
func waitUntil(timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        usleep(100_000)
    }
    return try condition()
}

/// The `corridor-central` binary built beside the test bundle.
func centralBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if dir.path.hasSuffix(".xctest") || dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent() }
    var p = dir.appendingPathComponent("corridor-central").path
    if !FileManager.default.isExecutableFile(atPath: p) {
        // swift test may run from a different place; fall back to .build/debug.
        p = FileManager.default.currentDirectoryPath + "/.build/debug/corridor-central"
    }
    precondition(FileManager.default.isExecutableFile(atPath: p), "corridor-central not built at \(p): run swift build first")
    return p
}

/// `corridor-central run` as a child process on a free port.
final class CentralProcess {
    let process: ChildProcess
    let port: Int
    init(brokers: String, mongoURI: String, database: String, lakeDir: String, topics: [String], group: String,
         logPath: String, batchSize: Int = 500, extra: [String] = []) throws {
        port = try freeTCPPort()
        process = try ChildProcess(executable: centralBinary(), arguments: [
            "run", "--kafka-brokers", brokers, "--mongo-uri", mongoURI, "--database", database,
            "--lake-dir", lakeDir, "--listen", "127.0.0.1:\(port)", "--group", group,
            "--topics", topics.joined(separator: ","), "--batch-size", String(batchSize),
            "--topic-heartbeats", topics.last!,
        ] + extra, logPath: logPath)
    }

    func get(_ path: String) -> (Int, String)? { httpGet(port: port, path: path) }

    /// A metric's value from /metrics.
    func metric(_ name: String) -> Double? {
        guard let (_, body) = get("/metrics") else { return nil }
        for line in body.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.split(separator: " ").last!)
        }
        return nil
    }
}

/// A minimal HTTP/1.0 GET over a loopback socket: (status, body), nil when nothing answers.
func httpGet(port: Int, path: String) -> (Int, String)? { httpRequest(port: port, method: "GET", path: path) }

/// One HTTP/1.0 request over a loopback socket (the server closes after answering).
func httpRequest(port: Int, method: String, path: String, json: String? = nil) -> (Int, String)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let ok = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard ok == 0 else { return nil }
    let body = Array((json ?? "").utf8)
    var head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n"
    if json != nil { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
    let req = Array((head + "\r\n").utf8) + body
    _ = req.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var data: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        data += buf[0..<n]
    }
    let text = String(decoding: data, as: UTF8.self)
    guard let sp = text.split(separator: " ", maxSplits: 2).dropFirst().first, let status = Int(sp),
          let range = text.range(of: "\r\n\r\n") else { return nil }
    return (status, String(text[range.upperBound...]))
}

/// Produces `events` (key = station id) and waits for every delivery.
func produce(_ events: [Event], topic: String, brokers: String, extra raw: [[UInt8]] = []) throws {
    let delivered = Mutex<Int>(0)
    let producer = try KafkaProducer(config: KafkaProducer.reliableDefaults(bootstrapServers: brokers), onDelivery: { r in
        if r.isDelivered { delivered.withLock { $0 += 1 } }
    })
    for e in events { try producer.produce(topic: topic, key: Array(e.stationID.utf8), value: e.jsonBytes, opaque: 0) }
    for r in raw { try producer.produce(topic: topic, key: Array("poison".utf8), value: r, opaque: 0) }
    try producer.flush(timeout: .seconds(30))
    producer.close()
    precondition(delivered.withLock { $0 } == events.count + raw.count, "not every message was delivered")
}

import Synchronization
