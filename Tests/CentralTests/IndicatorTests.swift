import CorridorModel
import Testing
@testable import CentralService

/// The aggregation is pure Swift: no server needed.
@Suite struct IndicatorTests {
    let t0 = Timestamp(rfc3339: "2026-12-04T15:53:24.123Z")!

    @Test func oneDeltaPerKeyAndBucket() {
        let inputs = [
            IndicatorInput(stationID: "S1", service: .fuel, capturedAt: t0, contribution: .review(label: .satisfied, score: 0.5, rating: 5, aspects: [])),
            IndicatorInput(stationID: "S1", service: .fuel, capturedAt: Timestamp(millis: t0.millis + 180_000), contribution: .review(label: .unsatisfied, score: -0.7, rating: nil,
                aspects: [AspectSentiment(aspect: .waiting, label: .unsatisfied, score: -0.8), AspectSentiment(aspect: .waiting, label: .unsatisfied, score: -0.5),
                          AspectSentiment(aspect: .staff, label: .satisfied, score: 0.4)])),
            IndicatorInput(stationID: "S1", service: .fuel, capturedAt: t0, contribution: .transaction(amountXOF: 15_000, waitSeconds: 300)),
            IndicatorInput(stationID: "S1", service: .fuel, capturedAt: t0, contribution: .transaction(amountXOF: 5_000, waitSeconds: 1200)),
            IndicatorInput(stationID: "S2", service: .wash, capturedAt: t0, contribution: .transaction(amountXOF: 2_000, waitSeconds: nil)),
        ]
        let d = IndicatorAggregator.deltas(inputs)
        // S1/fuel: 15:50 and 15:55 five-minute buckets (15:53:24 and 15:56:24), one hour, one day; S2/wash: 3 buckets.
        #expect(d.count == 4 + 3)
        let day = d[IndicatorKey(stationID: "S1", service: .fuel, bucket: .day, start: Timestamp(rfc3339: "2026-12-04T00:00:00Z")!)]!
        #expect(day.reviews == 2 && day.satisfied == 1 && day.unsatisfied == 1 && day.neutral == 0)
        #expect(abs(day.scoreSum - (-0.2)) < 1e-9)
        #expect(day.ratingSum == 5 && day.ratingCount == 1)
        #expect(day.aspectCounts == ["aspect_waiting_neg": 1, "aspect_staff_pos": 1])
        #expect(day.transactions == 2 && day.revenueXOF == 20_000 && day.waitSum == 1500 && day.waitCount == 2 && day.waitMax == 1200)
        let five = d[IndicatorKey(stationID: "S1", service: .fuel, bucket: .fiveMinutes, start: Timestamp(rfc3339: "2026-12-04T15:50:00Z")!)]!
        #expect(five.reviews == 1 && five.transactions == 2)
        #expect(IndicatorKey(stationID: "S1", service: .fuel, bucket: .hour, start: t0.floor(toSeconds: 3600)).id
                == "S1|fuel|1h|2026-12-04T15:00:00.000Z")
        let wash = d[IndicatorKey(stationID: "S2", service: .wash, bucket: .day, start: Timestamp(rfc3339: "2026-12-04T00:00:00Z")!)]!
        #expect(wash.waitMax == nil && wash.waitCount == 0)
        #expect(wash.increments.map(\.0) == ["transactions", "revenue_xof"])
    }

    @Test func heartbeatsAndUnscoredReviewsContributeNothing() {
        var hb = Event(kind: .heartbeat, id: "x", stationID: "S", capturedAt: t0)
        hb.heartbeat = Heartbeat(version: "1", pending: 0, oldestPendingAgeSeconds: nil, bytes: 0, lastSendAt: nil, link: "x")
        #expect(IndicatorInput(hb) == nil)
        let r = Event(kind: .review, id: "y", stationID: "S", capturedAt: t0, service: .gas)
        #expect(IndicatorInput(r) == nil)
    }

    @Test func alertRules() {
        let r = AlertRules()
        // 2 of 4 unsatisfied: too few reviews to judge.
        #expect(r.evaluate(station: "S", service: .fuel, window: PoleWindow(reviews: 4, unsatisfied: 2, waitSum: 0, waitCount: 0))[0].1 == .clear)
        // 3 of 5 = 60 % > 40 %.
        guard case .firing(let v, let th, let msg) = r.evaluate(station: "ML-BKO-014", service: .fuel,
                                                                 window: PoleWindow(reviews: 5, unsatisfied: 3, waitSum: 0, waitCount: 0))[0].1 else {
            Issue.record("expected firing"); return
        }
        #expect(abs(v - 0.6) < 1e-9 && th == 0.4)
        #expect(msg.contains("Carburant") && msg.contains("60 %") && msg.contains("ML-BKO-014") && msg.contains("insatisfaits"))
        // Exactly 40 % does not fire ("over 40 %").
        #expect(r.evaluate(station: "S", service: .fuel, window: PoleWindow(reviews: 10, unsatisfied: 4, waitSum: 0, waitCount: 0))[0].1 == .clear)
        // Mean wait 20 min > 15 min.
        let wait = r.evaluate(station: "S", service: .shop, window: PoleWindow(reviews: 0, unsatisfied: 0, waitSum: 2400, waitCount: 2))[1]
        #expect(wait.0.rule == .waitTime)
        if case .firing(let v, _, let m) = wait.1 { #expect(v == 1200 && m.contains("20 min")) } else { Issue.record("wait should fire") }
        // Silence: 2 h 05 min > 2 h.
        let now = Timestamp(millis: 10_000_000_000)
        if case .firing(_, _, let m) = r.evaluateSilence(station: "S", lastSeen: Timestamp(millis: now.millis - 7_500_000), now: now) {
            #expect(m.contains("silencieuse depuis 2 h 05 min"))
        } else { Issue.record("silence should fire") }
        #expect(r.evaluateSilence(station: "S", lastSeen: Timestamp(millis: now.millis - 7_100_000), now: now) == .clear)
        // The window holds 6 five-minute buckets, the current one included.
        #expect(r.windowStart(now: Timestamp(rfc3339: "2026-12-04T15:53:24Z")!) == Timestamp(rfc3339: "2026-12-04T15:25:00Z")!)
    }

    @Test func rescoringPolicy() {
        let central = ClosureRescorer(model: "corridor-lex/2") { _, _, _ in SentimentAssessment(label: .neutral, score: 0, model: "corridor-lex/2") }
        var e = Event(kind: .review, id: "y", stationID: "S", capturedAt: t0, service: .gas)
        e.rating = 5
        #expect(central.needsRescore(e))  // not scored
        e.sentiment = SentimentAssessment(label: .satisfied, score: 0.9, model: "corridor-lex/1")
        #expect(central.needsRescore(e))  // older
        let (r, did) = central.rescored(e)
        #expect(did && r.sentiment?.model == "corridor-lex/2" && r.sentiment?.label == .neutral)
        e.sentiment?.model = "corridor-lex/2"
        #expect(!central.needsRescore(e))
        e.sentiment?.model = "fr-lex/3"
        #expect(central.needsRescore(e))  // another family: central's model is the reference
        // The rating-only fallback fills a missing score but never overrides a model's.
        #expect(!RatingOnlyRescorer().needsRescore(e))
    }
}
