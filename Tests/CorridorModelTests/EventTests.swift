import Testing
@testable import CorridorModel

@Suite struct EventCaptureTests {
    let now = Timestamp(rfc3339: "2026-12-04T10:00:00Z")!
    let id = "01a241cd-5687-70bf-af70-3a491a9a7187"

    func capture(_ json: String, kind: EventKind = .review) throws(ValidationError) -> Event {
        try Event.capture(kind: kind, body: try! JSONParser.parse(json), id: id, stationID: "ML-BKO-014", now: now)
    }

    func field(_ json: String, kind: EventKind = .review) -> String? {
        do { _ = try capture(json, kind: kind); return "accepted" } catch { return error.field }
    }

    @Test func acceptsAMinimalReviewAndFillsTheEnvelope() throws {
        let e = try capture(#"{"service":"fuel","rating":2,"text":"Attente trop longue"}"#)
        #expect(e.schema == "corridor.review/1")
        #expect(e.stationID == "ML-BKO-014")
        #expect(e.capturedAt == now)
        #expect(e.channel == .api)
        #expect(e.rating == 2)
    }

    @Test(arguments: [
        (#"{"rating":2}"#, "service"),
        (#"{"service":"diesel","rating":2}"#, "service"),
        (#"{"service":"fuel"}"#, "rating"),
        (#"{"service":"fuel","text":"   "}"#, "rating"),
        (#"{"service":"fuel","rating":0}"#, "rating"),
        (#"{"service":"fuel","rating":6}"#, "rating"),
        (#"{"service":"fuel","rating":4.5}"#, "rating"),
        (#"{"service":"fuel","rating":"5"}"#, "rating"),
        (#"{"service":"fuel","text":42}"#, "text"),
        (#"{"service":"fuel","rating":3,"channel":"fax"}"#, "channel"),
        (#"{"service":"fuel","rating":3,"captured_at":"hier"}"#, "captured_at"),
        (#"{"service":"fuel","rating":3,"captured_at":"2031-01-01T00:00:00Z"}"#, "captured_at"),
        (#"{"service":"fuel","rating":3,"attrs":[1]}"#, "attrs"),
        (#"{"service":"fuel","rating":3,"id":"x"}"#, "id"),
        (#"{"service":"fuel","rating":3,"station_id":"ML-X"}"#, "station_id"),
        (#"{"service":5,"rating":3}"#, "service"),
    ])
    func refusesBadReviewsNamingTheField(_ json: String, _ expected: String) {
        #expect(field(json) == expected)
    }

    @Test func refusesTextOver2000Characters() {
        let long = String(repeating: "é", count: 2001)
        #expect(field(#"{"service":"shop","text":"\#(long)"}"#) == "text")
        let ok = String(repeating: "é", count: 2000)
        #expect(field(#"{"service":"shop","text":"\#(ok)"}"#) == "accepted")
    }

    @Test(arguments: [
        (#"{"service":"gas","amount_xof":12500,"payment":"mobile_money","wait_seconds":90}"#, "accepted"),
        (#"{"service":"gas"}"#, "amount_xof"),
        (#"{"service":"gas","amount_xof":-1}"#, "amount_xof"),
        (#"{"service":"gas","amount_xof":12.5}"#, "amount_xof"),
        (#"{"service":"gas","amount_xof":100,"payment":"cheque"}"#, "payment"),
        (#"{"service":"gas","amount_xof":100,"wait_seconds":-3}"#, "wait_seconds"),
        (#"{"service":"gas","amount_xof":100,"quantity":"two"}"#, "quantity"),
    ])
    func transactionRules(_ json: String, _ expected: String) {
        #expect(field(json, kind: .transaction) == expected)
    }

    @Test func unknownFieldsLandInAttrs() throws {
        let e = try capture(#"{"service":"wash","rating":5,"pump":3,"attrs":{"lane":"B"}}"#)
        #expect(e.attrs["pump"] == .int(3))
        #expect(e.attrs["lane"] == .string("B"))
    }

    @Test func heartbeatsAreNotCapturedFromClients() {
        #expect(field(#"{"service":"fuel"}"#, kind: .heartbeat) == "kind")
    }
}

@Suite struct EnvelopeTests {
    func sample() -> Event {
        var e = Event(kind: .review, id: UUIDv7Generator().next(), stationID: "ML-SGO-002",
                      capturedAt: Timestamp(rfc3339: "2026-12-04T10:00:00.250Z")!, service: .shop)
        e.rating = 1
        e.text = "Pas de pain, rupture encore"
        e.channel = .kiosk
        e.sentiment = SentimentAssessment(label: .unsatisfied, score: -0.8,
                                          aspects: [AspectSentiment(aspect: .availability, label: .unsatisfied, score: -0.9)],
                                          model: "corridor-lex/1", evidence: ["rupture"])
        e.attrs["till"] = 2
        return e
    }

    @Test func roundTripsThroughBytes() throws {
        let e = sample()
        let back = try Event(envelope: e.jsonBytes)
        #expect(back == e)
        #expect(back.jsonBytes == e.jsonBytes)
    }

    @Test func transactionAndHeartbeatRoundTrip() throws {
        var t = Event(kind: .transaction, id: UUIDv7Generator().next(), stationID: "ML-KAY-007", capturedAt: .now(), service: .fuel)
        t.amountXOF = 25_000; t.product = "gasoil"; t.quantity = 30.5; t.waitSeconds = 240; t.payment = .fleetCard
        #expect(try Event(envelope: t.jsonBytes) == Event(envelope: Event(envelope: t.jsonBytes).jsonBytes))
        var h = Event(kind: .heartbeat, id: UUIDv7Generator().next(), stationID: "ML-KAY-007", capturedAt: .now())
        h.heartbeat = Heartbeat(version: "0.1.0", pending: 12, oldestPendingAgeSeconds: 30, bytes: 4096, lastSendAt: nil, link: "up")
        let hb = try Event(envelope: h.jsonBytes)
        #expect(hb.heartbeat == h.heartbeat)
    }

    @Test func unknownTopLevelFieldsAreKeptInAttrs() throws {
        var o = sample().json.objectValue!
        o["new_field_v1_3"] = ["nested": true]
        o["schema"] = "corridor.review/1.3"
        let e = try Event(envelope: JSONWriter.bytes(.object(o)))
        #expect(e.schema == "corridor.review/1.3")
        #expect(e.attrs["new_field_v1_3"] == ["nested": true])
    }

    @Test(arguments: ["corridor.review/2", "corridor.thing/1", "review", "corridor.review/1.x"])
    func refusesOtherMajorVersionsAndNames(_ schema: String) {
        var o = sample().json.objectValue!
        o["schema"] = .string(schema)
        #expect(throws: ValidationError.self) { try Event(envelope: JSONWriter.bytes(.object(o))) }
    }

    @Test func refusesBadIDsAndStations() {
        for (k, v) in [("id", "not-a-uuid"), ("station_id", "ML BKO"), ("station_id", "")] {
            var o = sample().json.objectValue!
            o[k] = .string(v)
            do {
                _ = try Event(envelope: JSONWriter.bytes(.object(o)))
                Issue.record("accepted \(k)=\(v)")
            } catch {
                #expect(error.field == k)
            }
        }
    }
}
