import Foundation
import CentralService
import CorridorModel
import HTTPServer
import Mongo
import Testing

/// Every JSON route against a real nx-27017 seeded with contract documents.
@Suite(.timeLimit(.minutes(2))) struct ServingRouteTests {
    /// Fixed so hourly buckets do not move under a test (the overview is asked `at` this time).
    let seed = SeedData(now: Timestamp(rfc3339: "2026-03-02T12:34:56Z")!)

    @Test func stationsListsEverySeededStationWithItsBacklog() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let r = get(readOnlyAPI(client, db), "/api/v1/stations")
            #expect(r?.status == 200)
            let list = try items(r)
            #expect(list.map { $0["station_id"]?.stringValue } == [SeedData.bko, SeedData.kay])
            let bko = list[0]
            #expect(bko["status"]?.stringValue == "online")
            #expect(bko["pending"]?.intValue == 12)
            #expect(bko["oldest_pending_age_seconds"]?.intValue == 95)
            #expect(bko["outbox_bytes"]?.intValue == 20_480)
            #expect(bko["link"]?.stringValue == "3g")
            #expect(bko["version"]?.stringValue == "0.3.0")
            #expect(bko["last_seen"]?.stringValue == "2026-03-02T12:33:56.000Z")
            #expect(list[1]["status"]?.stringValue == "offline")
            #expect(list[1]["pending"]?.intValue == 340)
        }
    }

    @Test func indicatorsReturnTheSeededBucketsWithDerivedFigures() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let api = readOnlyAPI(client, db)
            let h0 = Timestamp(millis: seed.h0)
            let r = get(api, "/api/v1/indicators", [
                "station": SeedData.bko, "service": "fuel", "bucket": "1h",
                "from": Timestamp(millis: seed.h0 - 24 * SeedData.hour).rfc3339, "to": Timestamp(millis: seed.h0 + SeedData.hour).rfc3339,
            ])
            #expect(r?.status == 200)
            let list = try items(r)
            try #require(list.count == 2)
            #expect(list.map { $0["bucket_start"]?.stringValue } == [
                Timestamp(millis: seed.h0 - 2 * SeedData.hour).rfc3339, h0.rfc3339,
            ])
            let last = list[1]
            #expect(last["station_id"]?.stringValue == SeedData.bko)
            #expect(last["service"]?.stringValue == "fuel")
            #expect(last["satisfied"]?.intValue == 6)
            #expect(last["neutral"]?.intValue == 2)
            #expect(last["unsatisfied"]?.intValue == 2)
            #expect(last["total"]?.intValue == 10)
            #expect(last["score_mean"]?.doubleValue == 0.25)
            #expect(last["rating_mean"]?.doubleValue == 3.8)
            #expect(last["aspects"]?["waiting"]?["pos"]?.intValue == 1)
            #expect(last["aspects"]?["waiting"]?["neg"]?.intValue == 3)
            #expect(last["aspects"]?["price"]?["neg"]?.intValue == 1)
            #expect(last["aspects"]?["price"]?["pos"]?.intValue == 0)
            #expect(last["transactions"]?.intValue == 40)
            #expect(last["revenue_xof"]?.intValue == 1_250_000)
            #expect(last["wait_mean_seconds"]?.doubleValue == 60)
            #expect(last["wait_max_seconds"]?.intValue == 300)
            #expect(list[0]["wait_max_seconds"]?.intValue == 420)
            #expect(list[0]["score_mean"]?.doubleValue == 0.25)
        }
    }

    @Test func indicatorFiltersNarrowTheResult() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let api = readOnlyAPI(client, db)
            let wide = ["from": Timestamp(millis: seed.h0 - 48 * SeedData.hour).rfc3339,
                        "to": Timestamp(millis: seed.h0 + SeedData.hour).rfc3339]
            // All hourly buckets of the range: 3 fuel + 1 shop + 1 gas.
            #expect(try items(get(api, "/api/v1/indicators", wide)).count == 5)
            #expect(try items(get(api, "/api/v1/indicators", wide.merging(["station": SeedData.kay]) { $1 }))
                .map { $0["service"]?.stringValue } == ["gas"])
            #expect(try items(get(api, "/api/v1/indicators", wide.merging(["service": "shop"]) { $1 }))
                .map { $0["unsatisfied"]?.intValue } == [3])
            // `from` is inclusive, `to` exclusive. (Whole seconds: nx-27017 compares datetimes
            // wrongly when a bound has milliseconds; real MongoDB does not.)
            let justH0 = ["from": Timestamp(millis: seed.h0).rfc3339, "to": Timestamp(millis: seed.h0 + 1000).rfc3339]
            #expect(try items(get(api, "/api/v1/indicators", justH0)).map { $0["total"]?.intValue } == [10])
            let beforeH0 = ["from": Timestamp(millis: seed.h0 - 1000).rfc3339, "to": Timestamp(millis: seed.h0).rfc3339]
            #expect(try items(get(api, "/api/v1/indicators", beforeH0)).isEmpty)
            // Other bucket widths.
            let five = try items(get(api, "/api/v1/indicators", justH0.merging(["bucket": "5m"]) { $1 }))
            #expect(five.map { $0["total"]?.intValue } == [1])
            #expect(five.first?["bucket"]?.stringValue == "5m")
            let day = try items(get(api, "/api/v1/indicators", ["bucket": "1d", "to": "2026-03-03T00:00:00Z"]))
            #expect(day.map { $0["total"]?.intValue } == [14])
            #expect(day.first?["bucket_start"]?.stringValue == "2026-03-02T00:00:00.000Z")
        }
    }

    @Test func alertsFilterByStateStationAndService() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let api = readOnlyAPI(client, db)
            let open = try items(get(api, "/api/v1/alerts", ["state": "open"]))
            #expect(open.map { $0["rule"]?.stringValue } == ["unsatisfied_share", "station_silent"])  // newest first
            #expect(open[0]["value"]?.doubleValue == 0.6)
            #expect(open[0]["threshold"]?.doubleValue == 0.4)
            #expect(open[0]["service"]?.stringValue == "shop")
            #expect(open[0]["resolved_at"]?.isNull == true)
            #expect(open[0]["message"]?.stringValue?.hasPrefix("Boutique & restauration : 60 %") == true)
            #expect(open[1]["service"]?.isNull == true)
            let resolved = try items(get(api, "/api/v1/alerts", ["state": "resolved"]))
            #expect(resolved.map { $0["rule"]?.stringValue } == ["wait_time"])
            #expect(resolved[0]["resolved_at"]?.stringValue == Timestamp(millis: seed.now.millis - 4 * SeedData.hour).rfc3339)
            #expect(try items(get(api, "/api/v1/alerts")).count == 3)
            #expect(try items(get(api, "/api/v1/alerts", ["station": SeedData.bko])).count == 2)
            #expect(try items(get(api, "/api/v1/alerts", ["station": SeedData.bko, "service": "fuel"])).count == 1)
            #expect(try items(get(api, "/api/v1/alerts", ["limit": "1"])).count == 1)
        }
    }

    @Test func eventsAreNewestFirstWithEvidenceAndLimit() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let api = readOnlyAPI(client, db)
            let bko = try items(get(api, "/api/v1/events", ["station": SeedData.bko]))
            #expect(bko.map { $0["id"]?.stringValue } == [
                SeedData.reviewIDs[0], SeedData.transactionID, SeedData.reviewIDs[1], SeedData.reviewIDs[2],
            ])
            let first = bko[0]
            #expect(first["kind"]?.stringValue == "review")
            #expect(first["label"]?.stringValue == "unsatisfied")
            #expect(first["score"]?.doubleValue == -0.62)
            #expect(first["rating"]?.intValue == 2)
            #expect(first["text"]?.stringValue == "Attente trop longue à la pompe, personne pour servir")
            #expect(first["evidence"]?.arrayValue?.compactMap(\.stringValue) == ["attente", "trop longue"])
            #expect(first["aspects"]?.arrayValue?.first?["aspect"]?.stringValue == "waiting")
            #expect(first["captured_at"]?.stringValue == Timestamp(millis: seed.now.millis - 5 * 60_000).rfc3339)
            let tx = bko[1]
            #expect(tx["amount_xof"]?.intValue == 25_000)
            #expect(tx["wait_seconds"]?.intValue == 240)
            #expect(tx["payment"]?.stringValue == "mobile_money")
            #expect(tx["quantity"]?.doubleValue == 31.25)
            #expect(try items(get(api, "/api/v1/events", ["station": SeedData.bko, "limit": "2"])).count == 2)
            #expect(try items(get(api, "/api/v1/events", ["kind": "review"])).count == 4)
            #expect(try items(get(api, "/api/v1/events", ["kind": "review", "service": "fuel"])).map { $0["id"]?.stringValue }
                == [SeedData.reviewIDs[0], SeedData.reviewIDs[2]])
            #expect(try items(get(api, "/api/v1/events")).count == 5)
        }
    }

    @Test func overviewSumsTheLast24HoursPerStationAndPole() throws {
        try withServingDatabase { client, db in
            try seed.seed(client, db)
            let o = try json(get(readOnlyAPI(client, db), "/api/v1/overview", ["at": seed.now.rfc3339]))
            #expect(o["open_alerts"]?.intValue == 2)
            #expect(o["from"]?.stringValue == Timestamp(millis: seed.h0 - 23 * SeedData.hour).rfc3339)
            let stations = o["stations"]?.arrayValue ?? []
            #expect(stations.map { $0["station_id"]?.stringValue } == [SeedData.bko, SeedData.kay])
            let bko = stations[0]
            #expect(bko["reviews"]?.intValue == 19)
            #expect(bko["open_alerts"]?.intValue == 0)
            let poles = bko["poles"]?.arrayValue ?? []
            #expect(poles.map { $0["service"]?.stringValue } == ["fuel", "shop", "wash", "gas"])
            #expect(poles.map { $0["service_name"]?.stringValue } == ["Carburant", "Boutique & restauration", "Lavage auto", "Service gaz"])
            let fuel = poles[0]
            #expect(fuel["satisfied"]?.intValue == 9)  // the bucket 30 h ago is left out
            #expect(fuel["neutral"]?.intValue == 2)
            #expect(fuel["unsatisfied"]?.intValue == 3)
            #expect(fuel["total"]?.intValue == 14)
            #expect(fuel["score_mean"]?.doubleValue == 0.25)
            #expect(fuel["satisfied_share"]?.doubleValue == 0.6429)
            #expect(fuel["neutral_share"]?.doubleValue == 0.1429)
            #expect(fuel["unsatisfied_share"]?.doubleValue == 0.2143)
            #expect(fuel["transactions"]?.intValue == 50)
            #expect(fuel["revenue_xof"]?.intValue == 1_550_000)
            #expect(fuel["wait_mean_seconds"]?.doubleValue == 66)
            #expect(fuel["wait_max_seconds"]?.intValue == 420)
            #expect(fuel["open_alerts"]?.intValue == 0)  // its wait_time alert is resolved
            #expect(fuel["top_negative_aspects"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? "")=\($0["count"]?.intValue ?? -1)" }
                == ["Attente=4", "Accueil=2", "Prix=1"])
            let trend = fuel["trend"]?.arrayValue ?? []
            #expect(trend.count == 24)
            #expect(trend.last?["total"]?.intValue == 10)
            #expect(trend[21]["total"]?.intValue == 4)
            #expect(trend.map { $0["total"]?.intValue ?? 0 }.reduce(0, +) == 14)
            let shop = poles[1]
            #expect(shop["open_alerts"]?.intValue == 1)
            #expect(shop["alerts"]?.arrayValue?.first?["rule"]?.stringValue == "unsatisfied_share")
            #expect(shop["unsatisfied_share"]?.doubleValue == 0.6)
            #expect(shop["score_mean"]?.doubleValue == -0.3)
            #expect(shop["top_negative_aspects"]?.arrayValue?.map { $0["aspect"]?.stringValue } == ["cleanliness", "price"])
            #expect(poles[2]["total"]?.intValue == 0)
            #expect(poles[2]["score_mean"]?.isNull == true)
            #expect(poles[2]["satisfied_share"]?.isNull == true)
            let kay = stations[1]
            #expect(kay["status"]?.stringValue == "offline")
            #expect(kay["open_alerts"]?.intValue == 1)  // station_silent: station-level
            #expect(kay["alerts"]?.arrayValue?.first?["message"]?.stringValue == "Station ML-KAY-002 silencieuse depuis 3 h")
            #expect(kay["poles"]?.arrayValue?[3]["satisfied"]?.intValue == 2)
            // Filtered to one station.
            let one = try json(get(readOnlyAPI(client, db), "/api/v1/overview", ["at": seed.now.rfc3339, "station": SeedData.kay]))
            #expect(one["stations"]?.arrayValue?.map { $0["station_id"]?.stringValue } == [SeedData.kay])
        }
    }

    @Test(arguments: [
        ("/api/v1/indicators", ["bucket": "2h"], "bucket"),
        ("/api/v1/indicators", ["from": "yesterday"], "from"),
        ("/api/v1/indicators", ["to": "2026-13-01T00:00:00Z"], "to"),
        ("/api/v1/indicators", ["from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"], "from"),
        ("/api/v1/indicators", ["service": "diesel"], "service"),
        ("/api/v1/indicators", ["station": "bad id!"], "station"),
        ("/api/v1/indicators", ["stations": SeedData.bko], "stations"),
        ("/api/v1/events", ["limit": "501"], "limit"),
        ("/api/v1/events", ["limit": "0"], "limit"),
        ("/api/v1/events", ["limit": "ten"], "limit"),
        ("/api/v1/events", ["kind": "order"], "kind"),
        ("/api/v1/alerts", ["state": "closed"], "state"),
        ("/api/v1/overview", ["at": "now"], "at"),
        ("/api/v1/stations", ["x": "1"], "x"),
    ])
    func badParametersAre400WithTheField(path: String, query: [String: String], field: String) throws {
        // Validation happens before any read, so no server is needed; an unreachable URI proves it.
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", appName: "t")
        let r = get(readOnlyAPI(client, "unused"), path, query)
        #expect(r?.status == 400)
        let body = try json(r)
        #expect(body["field"]?.stringValue == field)
        #expect(body["error"]?.stringValue?.isEmpty == false)
    }

    @Test func routingLeavesOtherPathsToTheRuntime() throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300", appName: "t")
        let api = readOnlyAPI(client, "unused")
        #expect(get(api, "/healthz") == nil)
        #expect(get(api, "/metrics") == nil)
        #expect(get(api, "/api/v1/nope")?.status == 404)
        #expect(api.handle(HTTPRequest(method: "POST", path: "/api/v1/stations"))?.status == 405)
        #expect(api.handle(HTTPRequest(method: "GET", path: "/ingest/v1/events"))?.status == 405)
        // Database down: 503 with Retry-After, never a crash or a hang past the selection timeout.
        let down = get(api, "/api/v1/stations")
        #expect(down?.status == 503)
        #expect(down?.headers.contains { $0.0 == "Retry-After" } == true)
        let page = get(api, "/")
        #expect(page?.status == 200)
        #expect(page?.headers.contains { $0 == ("Content-Type", "text/html; charset=utf-8") } == true)
        let html = String(decoding: page?.body ?? [], as: UTF8.self)
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(get(api, "/dashboard")?.status == 200)
    }

    @Test func openAPIDocumentDescribesEveryRoute() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        #expect(doc.hasPrefix("openapi: 3."))
        for route in ["/ingest/v1/events", "/api/v1/stations", "/api/v1/indicators", "/api/v1/alerts", "/api/v1/events", "/api/v1/overview"] {
            #expect(doc.contains("\n  \(route):\n"), "docs/openapi.yaml lacks \(route)")
        }
    }
}
