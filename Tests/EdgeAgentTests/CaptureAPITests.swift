import CorridorModel
import Foundation
import HTTPServer
import Testing
import TestServices
@testable import EdgeAgent

@Suite(.serialized) struct CaptureAPITests {
    @Test func reviewsTransactionsAndBatchesAreStored() throws {
        let a = try InProcessAgent(); defer { a.stop() }
        let (s1, r1) = try a.post("/v1/reviews", #"{"service":"fuel","rating":2,"text":"Attente trop longue"}"#)
        #expect(s1 == 201)
        let id = try #require(r1["id"]?.stringValue)
        #expect(UUIDv7Generator.decode(id) != nil)
        let (s2, _) = try a.post("/v1/transactions", #"{"service":"gas","amount_xof":12500,"payment":"mobile_money"}"#)
        #expect(s2 == 201)
        let (s3, r3) = try a.post("/v1/events", "{\"kind\":\"review\",\"service\":\"shop\",\"rating\":5}\n{\"kind\":\"transaction\",\"service\":\"wash\",\"amount_xof\":3000}\n")
        #expect(s3 == 201)
        #expect(r3["ids"]?.arrayValue?.count == 2)
        let rows = try a.outbox.pending(limit: 10)
        #expect(rows.count == 4)
        let stored = try Event(envelope: rows[0].body)
        #expect(stored.id == id && stored.rating == 2 && stored.stationID == "ML-TEST-001")
    }

    static let badInputs: [(String, String, String)] = [
        ("/v1/reviews", #"{"service":"fuel""#, "body"),
        ("/v1/reviews", "[1,2]", "body"),
        ("/v1/reviews", #"{"service":"diesel","rating":3}"#, "service"),
        ("/v1/reviews", #"{"service":"fuel","rating":0}"#, "rating"),
        ("/v1/reviews", #"{"service":"fuel","rating":6}"#, "rating"),
        ("/v1/reviews", #"{"service":"fuel","rating":"5"}"#, "rating"),
        ("/v1/reviews", #"{"service":"fuel"}"#, "rating"),
        ("/v1/reviews", #"{"service":"fuel","text":["a"]}"#, "text"),
        ("/v1/reviews", "{\"service\":\"fuel\",\"text\":\"\(String(repeating: "a", count: 2001))\"}", "text"),
        ("/v1/reviews", #"{"service":"fuel","rating":3,"captured_at":"demain"}"#, "captured_at"),
        ("/v1/transactions", #"{"service":"fuel","amount_xof":"1000"}"#, "amount_xof"),
        ("/v1/transactions", #"{"service":"fuel","amount_xof":1000,"payment":"troc"}"#, "payment"),
        ("/v1/events", "{\"kind\":\"review\",\"service\":\"fuel\",\"rating\":4}\n{\"kind\":\"review\",\"service\":\"fuel\",\"rating\":9}\n", "lines[1].rating"),
        ("/v1/events", "{\"kind\":\"parcel\",\"service\":\"fuel\"}\n", "lines[0].kind"),
        ("/v1/events", "\n\n", "body"),
    ]

    @Test func badInputGets400WithTheFieldAndStoresNothing() throws {
        let a = try InProcessAgent(); defer { a.stop() }
        for (path, body, field) in CaptureAPITests.badInputs {
            let (s, r) = try a.post(path, body)
            #expect(s == 400, "\(path) \(body.prefix(60))")
            #expect(r["field"]?.stringValue == field, "\(path) \(body.prefix(60)) → \(r)")
            #expect(r["error"]?.stringValue?.isEmpty == false)
        }
        // Invalid UTF-8 and an oversize body.
        let c = try a.client()
        let (su, ru) = try c.request(method: "POST", path: "/v1/reviews", body: Array(#"{"service":"fuel","text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        #expect(su == 400)
        #expect((try JSONParser.parse(ru))["field"]?.stringValue == "body")
        let big = Array("{\"service\":\"fuel\",\"text\":\"\(String(repeating: "a", count: 70_000))\"}".utf8)
        let (sb, rb) = try c.request(method: "POST", path: "/v1/reviews", body: big)
        #expect(sb == 400)
        #expect((try JSONParser.parse(rb))["field"]?.stringValue == "body")
        // 1,001 lines is over the batch limit.
        let lines = String(repeating: "{\"kind\":\"review\",\"service\":\"fuel\",\"rating\":4}\n", count: 1001)
        #expect(try a.post("/v1/events", lines).0 == 400)

        #expect(try a.outbox.status().pending == 0)
        let metrics = a.capture.metrics.rejectedByReason
        #expect((metrics["invalid"] ?? 0) >= Int64(CaptureAPITests.badInputs.count))
        #expect(metrics["too_large"] == 1)
    }

    @Test func fuzzedBodiesNeverCrashOrStore() throws {
        let a = try InProcessAgent(); defer { a.stop() }
        let c = try a.client()
        var rng = SystemRandomNumberGenerator()
        let seeds = CaptureAPITests.badInputs.map { Array($0.1.utf8) } + [Array(#"{"service":"fuel","rating":3}"#.utf8)]
        var stored = 0
        for i in 0..<500 {
            var b = seeds[i % seeds.count]
            for _ in 0..<Int.random(in: 1...6, using: &rng) where !b.isEmpty {
                let p = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: b[p] = UInt8.random(in: 0...255, using: &rng)
                case 1: b.remove(at: p)
                default: b.insert(UInt8.random(in: 0...255, using: &rng), at: p)
                }
            }
            let (s, _) = try c.request(method: "POST", path: "/v1/reviews", body: b)
            #expect(s == 201 || s == 400)
            if s == 201 { stored += 1 }
        }
        #expect(try a.outbox.status().pending == Int64(stored))
    }

    @Test func budgetExhaustionAnswers507AndKeepsEverythingAccepted() throws {
        let a = try InProcessAgent(budget: 160 * 1024); defer { a.stop() }
        let c = try a.client()
        var ids: [String] = []
        var status = 0
        let text = String(repeating: "Attente trop longue à la pompe. ", count: 30)
        for _ in 0..<1000 {
            let (s, b) = try c.request(method: "POST", path: "/v1/reviews", body: Array("{\"service\":\"fuel\",\"text\":\"\(text)\"}".utf8))
            status = s
            if s != 201 {
                #expect((try JSONParser.parse(b))["error"]?.stringValue?.contains("budget") == true)
                break
            }
            ids.append(try JSONParser.parse(b)["id"]!.stringValue!)
        }
        #expect(status == 507)
        #expect(ids.count > 10)
        #expect(try a.post("/v1/reviews", #"{"service":"fuel","rating":1}"#).0 == 507)
        #expect(try a.outbox.allIDs() == ids)
        #expect(a.capture.metrics.rejectedByReason["budget"] == 2)
        let (_, m) = try c.request(method: "GET", path: "/metrics", body: [])
        #expect(String(decoding: m, as: UTF8.self).contains("corridor_captures_rejected_total{reason=\"budget\"} 2"))
    }

    @Test func remoteClientsNeedTheBearerToken() {
        let d = TempDir(); defer { d.cleanup() }
        let o = try! Outbox(directory: d.path, logger: .silent); defer { o.close() }
        let cap = CaptureService(stationID: "ML-TEST-001", outbox: o, scorer: nil)
        let body = Array(#"{"service":"fuel","rating":4}"#.utf8)
        let remote = HTTPRequest(method: "POST", path: "/v1/reviews", body: body, clientAddress: "10.1.2.3", isLoopback: false)
        #expect(EdgeAPI(capture: cap, token: nil, version: "t").handle(remote).status == 403)
        let api = EdgeAPI(capture: cap, token: "s3cret", version: "t")
        #expect(api.handle(remote).status == 401)
        var wrong = remote; wrong.headers["authorization"] = "Bearer nope"
        #expect(api.handle(wrong).status == 401)
        var right = remote; right.headers["authorization"] = "Bearer s3cret"
        #expect(api.handle(right).status == 201)
        #expect(api.handle(HTTPRequest(method: "POST", path: "/v1/reviews", body: body)).status == 201)
        #expect(try! o.status().pending == 2)
    }

    @Test func healthMetricsAndKioskAnswer() throws {
        let a = try InProcessAgent(); defer { a.stop() }
        _ = try a.post("/v1/reviews", #"{"service":"wash","rating":5}"#)
        let c = try a.client()
        let (hs, hb) = try c.request(method: "GET", path: "/healthz", body: [])
        #expect(hs == 200)
        let h = try JSONParser.parse(hb)
        #expect(h["status"]?.stringValue == "ok")
        #expect(h["outbox"]?["pending"]?.intValue == 1)
        let (ms, mb) = try c.request(method: "GET", path: "/metrics", body: [])
        let text = String(decoding: mb, as: UTF8.self)
        #expect(ms == 200)
        for name in ["corridor_outbox_pending 1", "corridor_outbox_bytes ", "corridor_captures_total{kind=\"review\"} 1",
                     "corridor_captures_rejected_total{reason=\"invalid\"} 0"] {
            #expect(text.contains(name), "\(name)")
        }
        let (ks, kb) = try c.request(method: "GET", path: "/", body: [])
        #expect(ks == 200)
        #expect(String(decoding: kb, as: UTF8.self).contains("Votre avis compte"))
        #expect(try c.request(method: "GET", path: "/nope", body: []).0 == 404)
        #expect(try c.request(method: "GET", path: "/v1/reviews", body: []).0 == 405)
    }
}
