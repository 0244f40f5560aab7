import Foundation
import Options
import Testing
@testable import CentralService

@Suite struct SettingsTests {
    @Test func exampleConfigParsesAndEnvironmentWins() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("central/central.conf.example").path
        let o = try RunCommand.spec.parse(["--config", path, "--set", "kafka.session.timeout.ms=9000"],
                                          environment: ["CORRIDOR_GROUP": "from-env"])
        let s = try CentralSettings(o)
        #expect(s.kafkaBrokers == "kafka:9092" && s.groupID == "from-env" && s.database == "corridor")
        #expect(s.subscribe == ["corridor.reviews.v1", "corridor.transactions.v1", "corridor.heartbeats.v1"])
        #expect(s.lakeDir == "/var/lib/corridor/lake" && s.listenHost == "0.0.0.0" && s.listenPort == 8480)
        #expect(s.rules.waitSeconds == 900 && s.rules.silenceSeconds == 7200 && s.rules.unsatisfiedShare == 0.4)
        #expect(s.kafkaProperties["session.timeout.ms"] == "9000")
        #expect(throws: UsageError.self) { try CentralSettings(try RunCommand.spec.parse(["--mongo-uri", "x", "--lake-dir", "/tmp"], environment: [:])) }
    }
}
