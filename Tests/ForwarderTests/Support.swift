import CorridorModel
import Foundation
import Kafka
import SQLite
import TestServices
@testable import EdgeAgent

let station = "ML-TEST-001"

/// One fresh topic set per test.
func freshTopics(_ label: String = #function) -> [EventKind: String] {
    let tag = label.filter { $0.isLetter }.prefix(20) + "-" + UUID().uuidString.prefix(8).lowercased()
    return [.review: "rev-\(tag)", .transaction: "trx-\(tag)", .heartbeat: "hb-\(tag)"]
}

/// Stores `n` reviews through the capture path; returns their ids in outbox order.
func captureReviews(_ outbox: Outbox, _ n: Int, from start: Int = 0) throws -> [String] {
    let capture = CaptureService(stationID: station, outbox: outbox, scorer: nil)
    var ids: [String] = []
    var items: [OutboxItem] = []
    for i in start..<(start + n) {
        let body: JSONValue = ["service": "fuel", "rating": .int(Int64(i % 5 + 1)), "text": .string("Avis numéro \(i), attente à la pompe"), "channel": "kiosk"]
        let e = try capture.makeEvent(kind: .review, body: body)
        ids.append(e.id)
        items.append(OutboxItem(e))
        if items.count == 1000 { try outbox.append(items); items = [] }
    }
    try outbox.append(items)
    return ids
}

func forwarderConfig(dir: String, broker: String?, topics: [EventKind: String], transport: ForwarderTransport = .kafka,
                     url: String? = nil) -> ForwarderConfig {
    var c = ForwarderConfig(
        stationID: station, dataDir: dir, transport: transport,
        kafka: broker.map { ForwarderConfig.kafkaConfig(brokers: $0, overrides: ["message.timeout.ms": "5000", "statistics.interval.ms": "200"]) },
        topics: topics, centralURL: url, centralToken: url == nil ? nil : "secret-token", version: "test",
        heartbeatIntervalSeconds: 3600)
    c.backoffBaseSeconds = 0.2
    c.backoffMaxSeconds = 1
    return c
}

/// Polls until `until` holds or `timeout` passes.
func waitFor(_ timeout: Duration, _ what: String = "", _ until: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try until() { return }
        usleep(50_000)
    }
    throw TestServiceError("timed out after \(timeout) waiting for \(what)")
}

/// Reads every message of `topic` from the start (a fresh group), stopping after `quiet` without news.
func consumeAll(_ bootstrap: String, topic: String, atLeast: Int, timeout: Duration = .seconds(60)) async throws -> [KafkaMessage] {
    var config = KafkaConsumer.reliableDefaults(bootstrapServers: bootstrap, groupID: "check-\(UUID().uuidString.prefix(8))")
    config["fetch.wait.max.ms"] = "100"
    let consumer = try KafkaConsumer(config: config)
    try consumer.subscribe(topics: [topic])
    var got: [KafkaMessage] = []
    let deadline = ContinuousClock.now + timeout
    var lastNews = ContinuousClock.now
    while ContinuousClock.now < deadline {
        let batch = try await consumer.pollBatch(max: 5000, timeout: .milliseconds(200))
        if !batch.isEmpty { got += batch; lastNews = ContinuousClock.now }
        if got.count >= atLeast, ContinuousClock.now - lastNews > .seconds(2) { break }
    }
    try await consumer.close()
    return got
}

/// Ids of the outbox rows in `state` (read-only, beside a running writer).
func idsInState(_ dir: String, _ state: OutboxState) throws -> Set<String> {
    let db = try Database(path: dir + "/" + Outbox.fileName, readOnly: true)
    db.setBusyTimeout(milliseconds: 5000)
    defer { db.close() }
    let condition: String
    switch state {
    case .pending: condition = Outbox.pendingRowsSQL
    case .sent: condition = Outbox.sentRowsSQL
    case .rejected: condition = "state = 2"
    }
    return Set(try db.query("SELECT id FROM outbox WHERE \(condition)").compactMap { if case .text(let t) = $0[0] { return t } else { return nil } })
}

func text(_ b: [UInt8]?) -> String { b.map { String(decoding: $0, as: UTF8.self) } ?? "" }

/// Event ids in the order received, checked for envelope, key and headers.
func ids(of messages: [KafkaMessage]) -> [String] {
    messages.map { text($0.header("id")) }
}

/// The `corridor-edge` binary built beside the test bundle.
func edgeBinary() -> String {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if dir.path.hasSuffix(".xctest") || dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent() }
    let p = dir.appendingPathComponent("corridor-edge").path
    precondition(FileManager.default.isExecutableFile(atPath: p), "corridor-edge not built at \(p): run swift build first")
    return p
}
