import CorridorModel
import Mongo

/// The JSON API's reads over the serving collections (see central-contract.md).
///
/// nx-27017 (tests, demo) ignores datetime comparisons inside aggregate `$match` and cannot
/// group by a compound `_id`, so every read is a `find` with the datetime filter and any
/// summing happens here; on real MongoDB the same reads are cheap index scans.
struct ServingQueries: Sendable {
    let database: MongoDatabase

    static let maxIndicatorItems = 10_000

    // MARK: stations

    func stations() throws(MongoError) -> JSONValue {
        let docs = try database.collection("stations").find([:], sort: ["_id": 1])
        return ["items": .array(docs.map(stationJSON))]
    }

    func stationJSON(_ d: BSONDocument) -> JSONValue {
        var o = JSONObject()
        o["station_id"] = d["_id"]?.stringValue.map { .string($0) } ?? .null
        o["status"] = d.stringJSON("status")
        o["last_seen"] = d.timeJSON("last_seen")
        o["last_heartbeat"] = d.timeJSON("last_heartbeat")
        o["version"] = d.stringJSON("version")
        o["pending"] = d.intJSON("pending")
        o["oldest_pending_age_seconds"] = d.intJSON("oldest_pending_age_seconds")
        o["outbox_bytes"] = d.intJSON("outbox_bytes")
        o["link"] = d.stringJSON("link")
        o["last_send_at"] = d.timeJSON("last_send_at")
        return .object(o)
    }

    // MARK: indicators

    struct IndicatorQuery {
        var station: String?
        var service: ServicePole?
        var bucket: IndicatorBucket
        var from: Timestamp
        var to: Timestamp
    }

    /// Buckets with `from <= bucket_start < to`, oldest first; nil when more than
    /// `maxIndicatorItems` match (the caller answers 400: narrow the range).
    func indicators(_ q: IndicatorQuery) throws(MongoError) -> JSONValue? {
        var filter: BSONDocument = [
            "bucket": .string(q.bucket.rawValue),
            "bucket_start": ["$gte": .datetime(q.from.millis), "$lt": .datetime(q.to.millis)],
        ]
        if let s = q.station { filter["station_id"] = .string(s) }
        if let p = q.service { filter["service"] = .string(p.rawValue) }
        let docs = try database.collection("indicators").find(
            filter, sort: ["bucket_start": 1], limit: Self.maxIndicatorItems + 1)
        guard docs.count <= Self.maxIndicatorItems else { return nil }
        // Sorted again here: ties on bucket_start get a stable station/service order.
        let sorted = docs.sorted { a, b in
            let (ta, tb) = (a.millis("bucket_start") ?? 0, b.millis("bucket_start") ?? 0)
            if ta != tb { return ta < tb }
            let (sa, sb) = (a.text("station_id") ?? "", b.text("station_id") ?? "")
            if sa != sb { return sa < sb }
            return (a.text("service") ?? "") < (b.text("service") ?? "")
        }
        let items: [JSONValue] = sorted.map { d in
            var totals = IndicatorTotals()
            totals.add(d)
            var o = JSONObject()
            o["station_id"] = d.stringJSON("station_id")
            o["service"] = d.stringJSON("service")
            o["bucket"] = .string(q.bucket.rawValue)
            o["bucket_start"] = d.timeJSON("bucket_start")
            totals.fields(into: &o)
            return .object(o)
        }
        return [
            "bucket": .string(q.bucket.rawValue), "from": .string(q.from.rfc3339), "to": .string(q.to.rfc3339),
            "items": .array(items),
        ]
    }

    // MARK: alerts

    func alerts(state: AlertStateFilter, station: String?, service: ServicePole?, limit: Int) throws(MongoError) -> JSONValue {
        var filter = BSONDocument()
        if state != .all { filter["state"] = .string(state.rawValue) }
        if let station { filter["station_id"] = .string(station) }
        if let service { filter["service"] = .string(service.rawValue) }
        let docs = try database.collection("alerts").find(filter, sort: ["opened_at": -1], limit: limit)
        return ["items": .array(docs.map(alertJSON))]
    }

    func alertJSON(_ d: BSONDocument) -> JSONValue {
        var o = JSONObject()
        o["id"] = d["_id"]?.stringValue.map { .string($0) } ?? .null
        o["rule"] = d.stringJSON("rule")
        o["station_id"] = d.stringJSON("station_id")
        o["service"] = d.stringJSON("service")
        o["state"] = d.stringJSON("state")
        o["opened_at"] = d.timeJSON("opened_at")
        o["updated_at"] = d.timeJSON("updated_at")
        o["resolved_at"] = d.timeJSON("resolved_at")
        o["value"] = d.doubleJSON("value")
        o["threshold"] = d.doubleJSON("threshold")
        o["message"] = d.stringJSON("message")
        return .object(o)
    }

    // MARK: events

    func events(station: String?, service: ServicePole?, kind: EventKind?, limit: Int) throws(MongoError) -> JSONValue {
        var filter = BSONDocument()
        if let station { filter["station_id"] = .string(station) }
        if let service { filter["service"] = .string(service.rawValue) }
        if let kind { filter["kind"] = .string(kind.rawValue) }
        // The envelope string is read only for its evidence words; dropping nothing else keeps
        // the projection simple and portable.
        let docs = try database.collection("events").find(filter, sort: ["captured_at": -1, "_id": -1], limit: limit)
        return ["items": .array(docs.map(eventJSON))]
    }

    func eventJSON(_ d: BSONDocument) -> JSONValue {
        var o = JSONObject()
        o["id"] = d["_id"]?.stringValue.map { .string($0) } ?? .null
        let kind = d.text("kind")
        o["kind"] = kind.map { .string($0) } ?? .null
        o["station_id"] = d.stringJSON("station_id")
        o["service"] = d.stringJSON("service")
        o["captured_at"] = d.timeJSON("captured_at")
        o["ingested_at"] = d.timeJSON("ingested_at")
        switch kind {
        case "review":
            o["rating"] = d.intJSON("rating")
            o["text"] = d.stringJSON("text")
            o["channel"] = d.stringJSON("channel")
            o["label"] = d.stringJSON("label")
            o["score"] = rounded(d.number("score"))
            o["model"] = d.stringJSON("model")
            o["aspects"] = .array((d["aspects"]?.arrayValue ?? []).compactMap { a -> JSONValue? in
                guard let doc = a.documentValue, let name = doc.text("aspect") else { return nil }
                return .object(JSONObject([
                    ("aspect", .string(name)), ("label", doc.stringJSON("label")), ("score", rounded(doc.number("score"))),
                ]))
            })
            o["evidence"] = .array(evidence(d).map { .string($0) })
        case "transaction":
            o["amount_xof"] = d.intJSON("amount_xof")
            o["product"] = d.stringJSON("product")
            o["quantity"] = d.doubleJSON("quantity")
            o["wait_seconds"] = d.intJSON("wait_seconds")
            o["payment"] = d.stringJSON("payment")
        default:
            break
        }
        return .object(o)
    }

    /// The sentiment's evidence words, which only the stored envelope carries.
    private func evidence(_ d: BSONDocument) -> [String] {
        if let list = d["evidence"]?.arrayValue { return list.compactMap(\.stringValue) }
        guard let envelope = d.text("envelope"), let v = try? JSONParser.parse(envelope) else { return [] }
        return (v["sentiment"]?["evidence"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    // MARK: overview

    /// Per station × pole over the 24 hourly buckets ending with the one holding `at`:
    /// satisfaction shares, score, reviews, open alerts, top negative aspects, hourly trend.
    func overview(at: Timestamp, station: String?) throws(MongoError) -> JSONValue {
        let hour: Int64 = 3_600_000
        let lastBucket = at.floor(toSeconds: 3600).millis
        let firstBucket = lastBucket - 23 * hour
        var filter: BSONDocument = [
            "bucket": "1h", "bucket_start": ["$gte": .datetime(firstBucket), "$lte": .datetime(lastBucket)],
        ]
        if let station { filter["station_id"] = .string(station) }
        let indicatorDocs = try database.collection("indicators").find(filter)

        var alertFilter: BSONDocument = ["state": "open"]
        if let station { alertFilter["station_id"] = .string(station) }
        let openAlerts = try database.collection("alerts").find(alertFilter, sort: ["opened_at": -1])

        var stationFilter = BSONDocument()
        if let station { stationFilter["_id"] = .string(station) }
        let stationDocs = try database.collection("stations").find(stationFilter)

        struct Key: Hashable { let station: String; let service: String }
        var totals: [Key: IndicatorTotals] = [:]
        var hourly: [Key: [Int64: IndicatorTotals]] = [:]
        for d in indicatorDocs {
            guard let s = d.text("station_id"), let p = d.text("service"), let t = d.millis("bucket_start") else { continue }
            let key = Key(station: s, service: p)
            totals[key, default: IndicatorTotals()].add(d)
            hourly[key, default: [:]][t, default: IndicatorTotals()].add(d)
        }

        var stationIDs = Set(stationDocs.compactMap { $0["_id"]?.stringValue })
        stationIDs.formUnion(totals.keys.map(\.station))
        stationIDs.formUnion(openAlerts.compactMap { $0.text("station_id") })
        let stationByID = Dictionary(stationDocs.compactMap { d in d["_id"]?.stringValue.map { ($0, d) } },
                                     uniquingKeysWith: { a, _ in a })

        var stations: [JSONValue] = []
        for id in stationIDs.sorted() {
            var o = stationByID[id].map { stationJSON($0).objectValue ?? JSONObject() } ?? {
                var o = JSONObject()
                o["station_id"] = .string(id)
                o["status"] = .null
                return o
            }()
            let mine = openAlerts.filter { $0.text("station_id") == id }
            let stationLevel = mine.filter { $0.text("service") == nil }
            o["open_alerts"] = .int(Int64(stationLevel.count))
            o["alerts"] = .array(stationLevel.map(alertSummary))
            var poles: [JSONValue] = []
            var stationTotals = IndicatorTotals()
            for pole in ServicePole.allCases {
                let key = Key(station: id, service: pole.rawValue)
                let t = totals[key] ?? IndicatorTotals()
                stationTotals.merge(t)
                let poleAlerts = mine.filter { $0.text("service") == pole.rawValue }
                var p = JSONObject()
                p["service"] = .string(pole.rawValue)
                p["service_name"] = .string(pole.frenchName)
                t.fields(into: &p)
                p["satisfied_share"] = t.share(t.satisfied)
                p["neutral_share"] = t.share(t.neutral)
                p["unsatisfied_share"] = t.share(t.unsatisfied)
                p["open_alerts"] = .int(Int64(poleAlerts.count))
                p["alerts"] = .array(poleAlerts.map(alertSummary))
                p["top_negative_aspects"] = .array(t.topNegative(3).map { a in
                    .object(JSONObject([("aspect", .string(a.aspect)), ("name", .string(frenchAspectName(a.aspect))),
                                        ("count", .int(a.count))]))
                })
                let byHour = hourly[key] ?? [:]
                p["trend"] = .array((0..<24).map { i -> JSONValue in
                    let start = firstBucket + Int64(i) * hour
                    let h = byHour[start] ?? IndicatorTotals()
                    return .object(JSONObject([
                        ("bucket_start", .string(Timestamp(millis: start).rfc3339)),
                        ("satisfied", .int(h.satisfied)), ("neutral", .int(h.neutral)),
                        ("unsatisfied", .int(h.unsatisfied)), ("total", .int(h.total)),
                        ("score_mean", rounded(h.scoreMean)),
                    ]))
                })
                poles.append(.object(p))
            }
            o["reviews"] = .int(stationTotals.total)
            o["poles"] = .array(poles)
            stations.append(.object(o))
        }
        return [
            "generated_at": .string(Timestamp.now().rfc3339),
            "from": .string(Timestamp(millis: firstBucket).rfc3339),
            "to": .string(Timestamp(millis: lastBucket + hour).rfc3339),
            "open_alerts": .int(Int64(openAlerts.count)),
            "stations": .array(stations),
        ]
    }

    private func alertSummary(_ d: BSONDocument) -> JSONValue {
        .object(JSONObject([
            ("id", d["_id"]?.stringValue.map { .string($0) } ?? .null), ("rule", d.stringJSON("rule")),
            ("message", d.stringJSON("message")), ("opened_at", d.timeJSON("opened_at")),
            ("value", d.doubleJSON("value")), ("threshold", d.doubleJSON("threshold")),
        ]))
    }
}

extension IndicatorTotals {
    mutating func merge(_ o: IndicatorTotals) {
        satisfied += o.satisfied; neutral += o.neutral; unsatisfied += o.unsatisfied; reviews += o.reviews
        scoreSum += o.scoreSum; ratingSum += o.ratingSum; ratingCount += o.ratingCount
        transactions += o.transactions; revenueXOF += o.revenueXOF
        waitSum += o.waitSum; waitCount += o.waitCount
        if let m = o.waitMax { waitMax = max(waitMax ?? 0, m) }
        for (k, v) in o.aspectPositive { aspectPositive[k, default: 0] += v }
        for (k, v) in o.aspectNegative { aspectNegative[k, default: 0] += v }
    }
}
