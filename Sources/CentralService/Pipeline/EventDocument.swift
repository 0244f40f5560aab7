import CorridorModel
import Mongo

/// The `events` document of the central contract, plus two bookkeeping fields of the
/// exactly-once protocol: `batch` (the attempt that inserted it) and `applied` (its indicator
/// contribution is in `indicators`). See docs/central.md, "Exactly-once effect".
enum EventDocument {
    static func make(_ e: Event, envelope: [UInt8], batch: String, ingestedAt: Timestamp, edgeModel: String?) -> BSONDocument {
        var d: BSONDocument = [
            "_id": .string(e.id),
            "kind": .string(e.kind.rawValue),
            "station_id": .string(e.stationID),
            "service": e.service.map { .string($0.rawValue) } ?? .null,
            "captured_at": .datetime(e.capturedAt.millis),
            "ingested_at": .datetime(ingestedAt.millis),
        ]
        switch e.kind {
        case .review:
            d["rating"] = e.rating.map { .int64(Int64($0)) } ?? .null
            d["text"] = e.text.map { .string($0) } ?? .null
            d["channel"] = .string((e.channel ?? .api).rawValue)
            if let s = e.sentiment {
                d["label"] = .string(s.label.rawValue)
                d["score"] = .double(s.score)
                d["aspects"] = .array(s.aspects.map { a in
                    .document(["aspect": .string(a.aspect.rawValue), "label": .string(a.label.rawValue), "score": .double(a.score)])
                })
                d["model"] = .string(s.model)
            }
            if let edgeModel { d["edge_model"] = .string(edgeModel) }
        case .transaction:
            d["amount_xof"] = e.amountXOF.map { .int64($0) } ?? .null
            d["product"] = e.product.map { .string($0) } ?? .null
            d["quantity"] = e.quantity.map { .double($0) } ?? .null
            d["wait_seconds"] = e.waitSeconds.map { .int64($0) } ?? .null
            d["payment"] = e.payment.map { .string($0.rawValue) } ?? .null
        case .heartbeat:
            if let h = e.heartbeat {
                d["version"] = .string(h.version)
                d["pending"] = .int64(h.pending)
            }
        }
        d["envelope"] = .string(String(decoding: envelope, as: UTF8.self))
        d["batch"] = .string(batch)
        d["applied"] = .bool(false)
        return d
    }

    /// The indicator contribution of a stored event (the recovery path); nil for heartbeats.
    static func indicatorInput(_ d: BSONDocument) -> IndicatorInput? {
        guard let station = d["station_id"]?.stringValue,
              let service = d["service"]?.stringValue.flatMap(ServicePole.init(rawValue:)),
              let at = d["captured_at"]?.datetimeValue,
              let kind = d["kind"]?.stringValue.flatMap(EventKind.init(rawValue:)) else { return nil }
        switch kind {
        case .review:
            guard let label = d["label"]?.stringValue.flatMap(SentimentLabel.init(rawValue:)) else { return nil }
            let aspects: [AspectSentiment] = (d["aspects"]?.arrayValue ?? []).compactMap { v in
                guard let a = v["aspect"]?.stringValue.flatMap(Aspect.init(rawValue:)),
                      let l = v["label"]?.stringValue.flatMap(SentimentLabel.init(rawValue:)) else { return nil }
                return AspectSentiment(aspect: a, label: l, score: v["score"]?.doubleValue ?? 0)
            }
            return IndicatorInput(stationID: station, service: service, capturedAt: Timestamp(millis: at),
                                  contribution: .review(label: label, score: d["score"]?.doubleValue ?? 0,
                                                        rating: d["rating"]?.intValue, aspects: aspects))
        case .transaction:
            guard let amount = d["amount_xof"]?.intValue else { return nil }
            return IndicatorInput(stationID: station, service: service, capturedAt: Timestamp(millis: at),
                                  contribution: .transaction(amountXOF: Int64(amount), waitSeconds: d["wait_seconds"]?.intValue.map(Int64.init)))
        case .heartbeat:
            return nil
        }
    }

    /// nx-27017 stores a boolean `$set` by an update as an integer: accept both.
    static func isApplied(_ d: BSONDocument) -> Bool {
        if let b = d["applied"]?.boolValue { return b }
        return (d["applied"]?.intValue ?? 0) != 0
    }
}

/// A message central cannot use, kept in `dead_letters` with the reason.
struct DeadLetter: Sendable {
    var topic: String
    var partition: Int32
    var offset: Int64
    var reason: String
    var payload: [UInt8]

    var document: BSONDocument {
        // First 4 KiB; String(decoding:) replaces invalid UTF-8 (and a cut multi-byte tail).
        [
            "_id": .string("\(topic)|\(partition)|\(offset)"),
            "topic": .string(topic),
            "partition": .int64(Int64(partition)),
            "offset": .int64(offset),
            "reason": .string(reason),
            "payload": .string(String(decoding: payload.prefix(4096), as: UTF8.self)),
            "at": .datetime(Timestamp.now().millis),
        ]
    }
}
