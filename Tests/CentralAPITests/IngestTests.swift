import CentralService
import CorridorModel
import Foundation
import HTTPServer
import Kafka
import Mongo
import Synchronization
import TestServices
import Testing

/// `POST /ingest/v1/events` against a real Tansu broker.
@Suite(.serialized, .timeLimit(.minutes(3))) struct IngestTests {
    static let station = "ML-BKO-014"
    static let token = "tok-bko-014-secret"
    static let otherToken = "tok-sik-001-secret"

    /// One broker, a fresh pair of topics, a producer wired to a tracker, and the API.
    struct Rig {
        let broker: TansuBroker
        let producer: KafkaProducer
        let tracker: IngestDeliveryTracker
        let topics: [EventKind: String]
        let api: CentralAPI

        init(messageTimeoutMillis: Int = 10_000, bootstrap: String? = nil) async throws {
            broker = try TansuBroker.start()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            topics = [.review: "ingest-reviews-\(suffix)", .transaction: "ingest-tx-\(suffix)", .heartbeat: "ingest-hb-\(suffix)"]
            if bootstrap == nil {
                try await KafkaAdmin(config: ["bootstrap.servers": broker.bootstrap]).createTopics(Array(topics.values), partitions: 2)
            }
            tracker = IngestDeliveryTracker()
            var config = KafkaProducer.reliableDefaults(bootstrapServers: bootstrap ?? broker.bootstrap)
            config["message.timeout.ms"] = String(messageTimeoutMillis)
            config["linger.ms"] = "5"
            producer = try KafkaProducer(config: config, onDelivery: tracker.onDelivery)
            api = CentralAPI(mongo: try MongoClient(uri: "mongodb://127.0.0.1:1/", appName: "t"), database: "unused",
                             producer: producer, deliveries: tracker, topics: topics,
                             ingestTokens: [IngestTests.token: IngestTests.station, IngestTests.otherToken: "ML-SIK-001"],
                             logger: .silent, ackTimeout: .seconds(30))
        }

        func stop() {
            producer.close(timeout: .seconds(2))
            broker.stop()
        }
    }

    static func post(_ api: CentralAPI, _ body: [UInt8], token: String? = IngestTests.token, encoding: String? = nil) -> HTTPResponse {
        var headers = ["content-type": "application/x-ndjson"]
        if let token { headers["authorization"] = "Bearer \(token)" }
        if let encoding { headers["content-encoding"] = encoding }
        return api.handle(HTTPRequest(method: "POST", path: "/ingest/v1/events", headers: headers, body: body))!
    }

    static func review(_ i: Int, station: String = IngestTests.station, rating: String = "4") -> String {
        #"{"schema":"corridor.review/1","id":"01950000-0000-7000-8000-\#(String(format: "%012d", i))","station_id":"\#(station)","captured_at":"2026-03-02T12:00:0\#(i % 10).000Z","service":"fuel","rating":\#(rating),"text":"Service rapide, très bien","channel":"kiosk","sentiment":{"label":"satisfied","score":0.7,"aspects":[{"aspect":"waiting","label":"satisfied","score":0.6}],"model":"fr-lex/3","evidence":["rapide"]},"attrs":{"till":"3"}}"#
    }

    static func transaction(_ i: Int) -> String {
        // Field order and spacing differ from the encoder's on purpose: bytes must pass unchanged.
        #"{"id":"01950000-0000-7000-8000-\#(String(format: "%012d", i))", "schema":"corridor.transaction/1","station_id":"\#(station)","captured_at":"2026-03-02T12:01:00Z","service":"shop","amount_xof":3500,"product":"café","payment":"cash","extra_field":true}"#
    }

    static func consumeAll(_ broker: TansuBroker, topics: [String], count: Int, timeout: Duration = .seconds(40)) async throws -> [KafkaMessage] {
        var config = KafkaConsumer.reliableDefaults(bootstrapServers: broker.bootstrap, groupID: "g-\(UUID().uuidString.prefix(8))")
        config["session.timeout.ms"] = "6000"
        let consumer = try KafkaConsumer(config: config)
        try consumer.subscribe(topics: topics)
        var got: [KafkaMessage] = []
        let deadline = ContinuousClock.now + timeout
        while got.count < count, ContinuousClock.now < deadline {
            got += try await consumer.pollBatch(max: 500, timeout: .milliseconds(200))
        }
        // A short extra wait: anything beyond `count` would be a message that should not exist.
        let settle = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < settle { got += try await consumer.pollBatch(max: 500, timeout: .milliseconds(200)) }
        try await consumer.close()
        return got
    }

    @Test func rejectedBatchesProduceNothingAndAValidBatchIsReadableBackByteForByte() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        let produced0 = rig.producer.statistics.producedPayloadBytes

        // Authentication: missing, unknown, and a token of the wrong scheme.
        let good = [Self.review(1), Self.transaction(2), Self.review(3)]
        let goodBody = Array((good.joined(separator: "\n") + "\n").utf8)
        let noToken = Self.post(rig.api, goodBody, token: nil)
        #expect(noToken.status == 401)
        #expect(noToken.headers.contains { $0 == ("WWW-Authenticate", "Bearer") })
        #expect(Self.post(rig.api, goodBody, token: "tok-bko-014-secreT").status == 401)
        #expect(rig.api.handle(HTTPRequest(method: "POST", path: "/ingest/v1/events",
                                           headers: ["authorization": "Basic \(Self.token)"], body: goodBody))?.status == 401)

        // Another station's token: its envelopes do not match.
        let mismatch = Self.post(rig.api, goodBody, token: Self.otherToken)
        #expect(mismatch.status == 403)
        #expect(try JSONParser.parse(mismatch.body)["field"]?.stringValue == "lines[0].station_id")
        let mixed = Array([Self.review(1), Self.review(2, station: "ML-SIK-001")].joined(separator: "\n").utf8)
        #expect(try JSONParser.parse(Self.post(rig.api, mixed).body)["field"]?.stringValue == "lines[1].station_id")

        // A bad line anywhere: 400 naming the line and field, nothing produced.
        let badRating = Array([Self.review(1), Self.review(2, rating: "9"), Self.review(3)].joined(separator: "\n").utf8)
        let r400 = Self.post(rig.api, badRating)
        #expect(r400.status == 400)
        #expect(try JSONParser.parse(r400.body)["field"]?.stringValue == "lines[1].rating")
        let notJSON = Array((Self.review(1) + "\n{oops\n").utf8)
        #expect(try JSONParser.parse(Self.post(rig.api, notJSON).body)["field"]?.stringValue == "lines[1]")
        #expect(Self.post(rig.api, Array("\n\n".utf8)).status == 400)
        #expect(Self.post(rig.api, goodBody, encoding: "gzip").status == 415)
        #expect(Self.post(rig.api, goodBody, encoding: "zstd").status == 400)  // not zstd data
        let tooMany = Array(String(repeating: Self.review(1) + "\n", count: 5001).utf8)
        #expect(Self.post(rig.api, tooMany).status == 413)
        #expect(rig.producer.statistics.producedPayloadBytes == produced0)

        // The valid batch: 200 only after acknowledgement.
        let ok = Self.post(rig.api, goodBody)
        #expect(ok.status == 200)
        #expect(try JSONParser.parse(ok.body)["accepted"]?.intValue == 3)
        #expect(rig.tracker.waitingRequests == 0)
        let m = rig.api.ingestMetrics
        #expect(m.count(.accepted) == 1 && m.acceptedEvents == 3)
        #expect(m.count(.unauthorized) == 3)
        #expect(m.count(.forbidden) == 2)
        #expect(m.count(.invalid) == 4)
        #expect(m.count(.unsupportedEncoding) == 1)
        #expect(m.count(.tooLarge) == 1)
        #expect(m.prometheus().contains("corridor_ingest_requests_total{outcome=\"forbidden\"} 2\n"))

        let messages = try await Self.consumeAll(rig.broker, topics: Array(rig.topics.values), count: 3)
        #expect(messages.count == 3)  // exactly: none of the rejected batches leaked
        let byID = Dictionary(messages.map { (String(decoding: $0.header("id") ?? [], as: UTF8.self), $0) }, uniquingKeysWith: { a, _ in a })
        for line in good {
            let event = try Event(envelope: Array(line.utf8))
            let m = try #require(byID[event.id])
            #expect(m.value == Array(line.utf8))
            #expect(m.key == Array(Self.station.utf8))
            #expect(m.topic == rig.topics[event.kind])
            #expect(m.header("schema") == Array(event.schema.utf8))
            #expect(m.header("content-type") == Array("application/json".utf8))
        }
        // Per-station order within a partition is the batch's order.
        let reviews = messages.filter { $0.topic == rig.topics[.review] }.sorted { $0.offset < $1.offset }
        #expect(reviews.map { String(decoding: $0.header("id")!, as: UTF8.self) }.map { $0.suffix(1) } == ["1", "3"])
    }

    @Test func zstdBodyIsAccepted() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        let lines = (1...200).map { Self.review($0) }
        let plain = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        let compressed = try zstdCompress(plain)
        #expect(compressed.count < plain.count / 5)
        let r = Self.post(rig.api, compressed, encoding: "zstd")
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self))")
        #expect(try JSONParser.parse(r.body)["accepted"]?.intValue == 200)
        let messages = try await Self.consumeAll(rig.broker, topics: [rig.topics[.review]!], count: 200)
        #expect(messages.count == 200)
        #expect(Set(messages.map(\.value)) == Set(lines.map { Array($0.utf8) }))
    }

    @Test func brokerDownAnswers503WithinTheMessageTimeout() async throws {
        // A port nobody listens on: the producer can never deliver.
        let rig = try await Rig(messageTimeoutMillis: 1500, bootstrap: "127.0.0.1:\(try freeTCPPort())")
        defer { rig.stop() }
        let start = ContinuousClock.now
        let r = Self.post(rig.api, Array((Self.review(1) + "\n" + Self.review(2)).utf8))
        let elapsed = ContinuousClock.now - start
        #expect(r.status == 503)
        #expect(r.headers.contains { $0.0 == "Retry-After" })
        #expect(elapsed < .seconds(10), "answered after \(elapsed)")
        #expect(rig.api.ingestMetrics.count(.unavailable) == 1)
        #expect(rig.tracker.waitingRequests == 0)
    }

    @Test func brokerStoppedAfterStartAnswers503() async throws {
        let rig = try await Rig(messageTimeoutMillis: 2000)
        defer { rig.stop() }
        #expect(Self.post(rig.api, Array(Self.review(1).utf8)).status == 200)
        rig.broker.kill9()
        let start = ContinuousClock.now
        let r = Self.post(rig.api, Array(Self.review(2).utf8))
        #expect(r.status == 503)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func noProducerConfiguredAnswers503() throws {
        let api = CentralAPI(mongo: try MongoClient(uri: "mongodb://127.0.0.1:1/", appName: "t"), database: "unused",
                             producer: nil, deliveries: IngestDeliveryTracker(), topics: [:],
                             ingestTokens: [Self.token: Self.station], logger: .silent)
        let r = Self.post(api, Array(Self.review(1).utf8))
        #expect(r.status == 503)
        // Authentication and validation still come first.
        #expect(Self.post(api, Array(Self.review(1).utf8), token: "nope").status == 401)
        #expect(Self.post(api, Array(Self.review(1, rating: "0").utf8)).status == 400)
    }
}

/// Compresses with the zstd command-line tool (tests only: the product only decompresses).
func zstdCompress(_ data: [UInt8]) throws -> [UInt8] {
    let zstd = "/usr/bin/zstd"
    guard FileManager.default.isExecutableFile(atPath: zstd) else {
        throw TestServiceError("zstd command not found at \(zstd): run scripts/setup.sh (apt-get install zstd)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zstd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in"), output = dir.appendingPathComponent("in.zst")
    try Data(data).write(to: input)
    let p = try ChildProcess(executable: zstd, arguments: ["-q", "-3", input.path, "-o", output.path],
                             logPath: dir.appendingPathComponent("log").path)
    guard p.wait(timeout: .seconds(20)) == 0 else { throw TestServiceError("zstd failed") }
    return Array(try Data(contentsOf: output))
}

/// Opt-in figure (CORRIDOR_BENCH=1): full 5,000-line batches through ingest to a Tansu ack.
@Suite(.serialized, .timeLimit(.minutes(3))) struct IngestBench {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CORRIDOR_BENCH"] == "1"))
    func fullBatchesToAcknowledgement() async throws {
        let rig = try await IngestTests.Rig()
        defer { rig.stop() }
        let body = Array((0..<5000).map { IngestTests.review($0) }.joined(separator: "\n").utf8)
        let compressed = try zstdCompress(body)
        var timings: [Duration] = []
        for round in 0..<5 {
            let start = ContinuousClock.now
            let r = IngestTests.post(rig.api, round.isMultiple(of: 2) ? compressed : body, encoding: round.isMultiple(of: 2) ? "zstd" : nil)
            timings.append(ContinuousClock.now - start)
            #expect(r.status == 200)
        }
        // Decoding and validating alone: the last line is bad, so nothing is produced.
        let bad = Array(((0..<4999).map { IngestTests.review($0) } + [IngestTests.review(1, rating: "9")]).joined(separator: "\n").utf8)
        let vStart = ContinuousClock.now
        #expect(IngestTests.post(rig.api, bad).status == 400)
        print("ingest bench: validating 5000 lines alone took \(ContinuousClock.now - vStart)")
        let best = timings.min()!
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("ingest bench: 5000 lines, \(body.count) bytes (zstd \(compressed.count)); per batch \(timings); best \(Int(5000 / seconds)) events/s")
    }
}
