import Foundation
import Kafka
import TestServices
import Testing

/// Unit tests: librdkafka's in-process mock cluster, or no broker at all. No server needed.
@Suite(.timeLimit(.minutes(1)))
struct MockClusterTests {
    func mockConfig(_ extra: [String: String] = [:]) -> [String: String] {
        var config = KafkaProducer.reliableDefaults(bootstrapServers: "")
        config.removeValue(forKey: "bootstrap.servers")
        config["test.mock.num.brokers"] = "1"
        config["linger.ms"] = "5"
        config.merge(extra) { $1 }
        return config
    }

    @Test func produceGivesOneDeliveryReportPerMessageWithItsTag() async throws {
        let reports = DeliveryCollector()
        let producer = try KafkaProducer(config: mockConfig(["statistics.interval.ms": "100"]), onDelivery: reports.callback)
        for i in 0..<20 {
            try producer.produce(
                topic: "mock-topic", key: bytes("ML-BKO-\(i % 3)"), value: bytes("event \(i)"),
                headers: [("schema", bytes("corridor.review/1"))], opaque: UInt64(1000 + i))
        }
        try await producer.flush(timeout: .seconds(10))
        let got = await reports.wait(count: 20)
        #expect(got.count == 20)
        #expect(Set(got.map(\.opaque)) == Set((0..<20).map { UInt64(1000 + $0) }))
        #expect(got.allSatisfy { $0.isDelivered && $0.offset >= 0 && $0.topic == "mock-topic" })
        #expect(producer.outQueueLength == 0)
        // Statistics arrive every 100 ms on the poll queue.
        try await Task.sleep(for: .milliseconds(400))
        let stats = producer.statistics
        #expect(stats.samples > 0)
        #expect(stats.txBytes > 0)
        #expect(stats.producedPayloadBytes == stats.deliveredPayloadBytes)
        await producer.close()
    }

    @Test func opaqueZeroAndMaxSurviveTheRoundTrip() async throws {
        let reports = DeliveryCollector()
        let producer = try KafkaProducer(config: mockConfig(), onDelivery: reports.callback)
        try producer.produce(topic: "mock", key: nil, value: [], opaque: 0)
        try producer.produce(topic: "mock", key: [], value: bytes("x"), opaque: .max)
        try await producer.flush(timeout: .seconds(10))
        #expect(Set(await reports.wait(count: 2).map(\.opaque)) == [0, .max])
        await producer.close()
    }

    @Test func queueFullIsARetriableErrorFromProduce() async throws {
        let reports = DeliveryCollector()
        let producer = try KafkaProducer(
            config: mockConfig(["queue.buffering.max.messages": "5", "linger.ms": "2000"]),
            onDelivery: reports.callback)
        var accepted = 0
        var failure: KafkaError?
        for i in 0..<10 {
            do {
                try producer.produce(topic: "mock", key: nil, value: bytes("m\(i)"), opaque: UInt64(i))
                accepted += 1
            } catch {
                failure = error
                break
            }
        }
        #expect(accepted == 5)
        #expect(failure?.code == .queueFull)
        #expect(failure?.isRetriable == true)
        #expect(failure?.isFatal == false)
        await producer.close()
        #expect(await reports.wait(count: 5).count == 5)
    }

    @Test func unreachableBrokerGivesRetriableTimeoutReportNotASilentDrop() async throws {
        let reports = DeliveryCollector()
        let errors = EventLog<KafkaError>()
        let port = try freeTCPPort()  // nothing listens there
        var config = KafkaProducer.reliableDefaults(bootstrapServers: "127.0.0.1:\(port)")
        config["message.timeout.ms"] = "1000"
        let producer = try KafkaProducer(config: config, onDelivery: reports.callback, onError: errors.callback)
        try producer.produce(topic: "nowhere", key: bytes("k"), value: bytes("v"), opaque: 7)
        let got = await reports.wait(count: 1, timeout: .seconds(10))
        #expect(got.count == 1)
        #expect(got.first?.opaque == 7)
        #expect(got.first?.isDelivered == false)
        #expect(got.first?.error?.code == .messageTimedOut)
        #expect(got.first?.error?.isRetriable == true)
        #expect(!errors.all.isEmpty)  // e.g. _TRANSPORT / _ALL_BROKERS_DOWN through onError
        await producer.close()
    }

    @Test func closePurgesWhatIsLeftAsRetriableFailures() async throws {
        let reports = DeliveryCollector()
        let port = try freeTCPPort()
        let producer = try KafkaProducer(
            config: KafkaProducer.reliableDefaults(bootstrapServers: "127.0.0.1:\(port)"), onDelivery: reports.callback)
        for i in 0..<3 { try producer.produce(topic: "nowhere", key: nil, value: bytes("\(i)"), opaque: UInt64(i)) }
        await producer.close(timeout: .milliseconds(200))
        let got = await reports.wait(count: 3, timeout: .seconds(5))
        #expect(got.count == 3)
        #expect(got.allSatisfy { $0.error?.code == .purgeQueue && $0.error?.isRetriable == true })
        #expect(throws: KafkaError.self) {
            try producer.produce(topic: "nowhere", key: nil, value: [], opaque: 9)
        }
    }

    @Test func badConfigurationThrowsInvalidArgument() {
        do {
            _ = try KafkaProducer(config: ["no.such.property": "1"], onDelivery: { _ in })
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("no.such.property"))
            #expect(!error.isRetriable)
        }
    }

    @Test func errorCodesMapToNamesAndRetriability() {
        #expect(KafkaError.Code.queueFull.name == "_QUEUE_FULL")
        #expect(KafkaError.Code.messageTimedOut.name == "_MSG_TIMED_OUT")
        #expect(KafkaError.Code.topicAlreadyExists.name == "TOPIC_ALREADY_EXISTS")
        #expect(KafkaError.Code.queueFull.isRetriable)
        #expect(KafkaError.Code.allBrokersDown.isRetriable)
        #expect(!KafkaError.Code.messageSizeTooLarge.isRetriable)
        #expect(!KafkaError.Code.invalidMessage.isRetriable)
        let fatal = KafkaError(code: .fatal, message: "x")
        #expect(fatal.isFatal && !fatal.isRetriable)
        #expect(KafkaError(code: .init(rawValue: 12345), message: "?").code.rawValue == 12345)
    }

    @Test func messageTooLargeIsRejectedForGood() async throws {
        let reports = DeliveryCollector()
        let producer = try KafkaProducer(config: mockConfig(["message.max.bytes": "1000"]), onDelivery: reports.callback)
        do {
            try producer.produce(topic: "mock", key: nil, value: [UInt8](repeating: 1, count: 5000), opaque: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .messageSizeTooLarge)
            #expect(!error.isRetriable)
        }
        await producer.close()
    }
}
