import CorridorModel
import Kafka
import Mongo
import Synchronization

/// Where a test may make a batch fail on purpose (see `BatchProcessor.faultHook`).
public enum FaultPoint: String, Sendable, CaseIterable {
    /// Inside the events insert: half of the documents are stored, then the call fails.
    case duringInsert
    /// After the events insert, before any indicator upsert.
    case afterInsert
    /// After the indicator upserts, before the events are marked applied.
    case afterIndicators
    /// After the events are marked applied, before stations/alerts.
    case afterMarkApplied
}

/// A fault injected by a test.
public struct InjectedFault: Error, Sendable, CustomStringConvertible {
    public var point: FaultPoint
    public init(_ point: FaultPoint) { self.point = point }
    public var description: String { "injected fault at \(point.rawValue)" }
}

/// What one batch did.
public struct BatchOutcome: Sendable, Equatable {
    public var consumed = 0
    public var inserted = 0
    public var duplicates = 0
    public var deadLettered = 0
    public var rescored = 0
    public var recoveredBatches = 0
    /// Capture → indicator-visible latency of each newly counted event, in seconds.
    public var visibleSeconds: [Double] = []
    /// Wall time per step (decode, lake, events, indicators, stations_alerts), for the benchmark.
    public var stageSeconds: [String: Double] = [:]
    public init() {}
}

/// Turns one polled batch into durable, counted-once state: raw lake, `events`, `indicators`,
/// `stations`, `alerts`, `dead_letters`. Safe to call again with the same (or an overlapping)
/// batch after any failure: that is how the consumer retries and how a crash is recovered.
///
/// Exactly-once protocol (the why is in docs/central.md):
/// 1. raw lake (fsync) and dead letters (upsert by topic|partition|offset);
/// 2. insert events with `_id = id`, `batch = B` (fresh id per attempt), `applied = false`;
/// 3. a duplicate still `applied: false` belongs to an interrupted attempt J: re-apply J
///    from the stored events tagged J (guarded, so whatever J already applied is skipped);
/// 4. one guarded upsert per indicator key for the events B inserted: filter
///    `{_id, pending_B: {$exists: false}}`, `$inc`/`$max`/`$set pending_B`; a duplicate-key
///    answer means this key already has B's contribution;
/// 5. mark B's events `applied: true`; the `pending_B` guards are `$unset` in the next bulk.
public final class BatchProcessor: Sendable {
    public let store: CentralStore
    public let lake: RawLake
    public let rescorer: any Rescorer
    public let rules: AlertRules
    public let metrics: CentralMetrics
    private let logger: Logger
    private let clock: @Sendable () -> Timestamp
    private let ids = UUIDv7Generator()
    private let alerts: AlertStore
    /// Guards to remove once their batch is fully applied: (indicator _id, guard field).
    private let pendingPrunes = Mutex<[(String, String)]>([])
    /// Tests set this to fail a batch at a chosen step.
    public let faultHook: Mutex<(@Sendable (FaultPoint) throws -> Void)?> = Mutex(nil)

    public init(store: CentralStore, lake: RawLake, rescorer: any Rescorer, rules: AlertRules = AlertRules(),
                metrics: CentralMetrics = CentralMetrics(), logger: Logger,
                clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.store = store; self.lake = lake; self.rescorer = rescorer; self.rules = rules
        self.metrics = metrics; self.logger = logger; self.clock = clock
        self.alerts = AlertStore(collection: store.alerts)
    }

    private func fault(_ p: FaultPoint) throws {
        if let hook = faultHook.withLock({ $0 }) { try hook(p) }
    }

    struct Accepted {
        var message: KafkaMessage
        var event: Event
        var edgeModel: String?
    }

    /// Processes `messages` (any mix of topics and partitions, in poll order). Throws when any
    /// step failed; nothing may be committed then, and calling again with the same messages
    /// (or a replay that starts at the same offsets) is always correct.
    @discardableResult
    public func process(_ messages: [KafkaMessage]) throws -> BatchOutcome {
        let started = ContinuousClock.now
        var outcome = BatchOutcome()
        outcome.consumed = messages.count
        let now = clock()
        var mark = ContinuousClock.now
        func stage(_ name: String) {
            let t = ContinuousClock.now
            outcome.stageSeconds[name, default: 0] += (t - mark).seconds
            mark = t
        }

        // 1. Decode; poison goes to dead_letters, never stops the stream.
        var accepted: [Accepted] = []
        var dead: [DeadLetter] = []
        var seenIDs: Set<String> = []
        for m in messages {
            do {
                let decoded = try Event(envelope: m.value)
                guard seenIDs.insert(decoded.id).inserted else { outcome.duplicates += 1; continue }
                let (event, rescored) = rescorer.rescored(decoded)
                if rescored { outcome.rescored += 1 }
                accepted.append(Accepted(message: m, event: event, edgeModel: rescored ? decoded.sentiment?.model : nil))
            } catch {
                dead.append(DeadLetter(topic: m.topic, partition: m.partition, offset: m.offset,
                                       reason: error.field.map { "\(error.message) (field \($0))" } ?? error.message,
                                       payload: m.value))
            }
        }
        outcome.deadLettered = dead.count
        stage("decode")

        // 2. Raw lake first: once offsets are committed the lake must already hold the bytes.
        try lake.write(accepted.map { a in
            RawLake.Line(topic: a.message.topic, partition: a.message.partition, offset: a.message.offset,
                         date: a.event.capturedAt.dateString, bytes: a.message.value)
        })
        if !dead.isEmpty {
            let r = try store.deadLetters.bulkWrite(dead.map { d in
                .replaceOne(filter: ["_id": d.document["_id"]!], replacement: d.document, upsert: true)
            }, ordered: false)
            if let e = r.writeErrors.first(where: { !$0.isDuplicateKey }) {
                throw MongoError(domain: .server, code: e.code, message: "dead_letters: \(e.message)")
            }
            for d in dead { logger.warning("dead letter", [("topic", d.topic), ("partition", String(d.partition)), ("offset", String(d.offset)), ("reason", d.reason)]) }
        }

        stage("lake")

        // 3. Events, tagged with this attempt's batch id.
        let batch = ids.next().replacingOccurrences(of: "-", with: "")
        let docs = accepted.map { EventDocument.make($0.event, envelope: $0.message.value, batch: batch, ingestedAt: now, edgeModel: $0.edgeModel) }
        let inserted: InsertManyResult
        do {
            try fault(.duringInsert)
            inserted = try store.events.insertMany(docs, ordered: false)
        } catch let f as InjectedFault {
            _ = try store.events.insertMany(Array(docs.prefix(docs.count / 2)), ordered: false)
            throw f
        }
        try fault(.afterInsert)
        let duplicateSet = Set(inserted.duplicateIndexes)
        outcome.duplicates += duplicateSet.count
        var newInputs: [IndicatorInput] = []
        var newEvents: [Event] = []
        for (i, a) in accepted.enumerated() where !duplicateSet.contains(i) {
            newEvents.append(a.event)
            if let input = IndicatorInput(a.event) { newInputs.append(input) }
        }

        stage("events")

        // 4. Duplicates left unapplied by an interrupted attempt: finish that attempt.
        var recoveredInputs: [IndicatorInput] = []
        if !duplicateSet.isEmpty {
            let dupIDs = duplicateSet.sorted().map { BSONValue.string(accepted[$0].event.id) }
            let stored = try store.events.find(["_id": ["$in": .array(dupIDs)]], projection: ["batch": 1, "applied": 1])
            let interrupted = Set(stored.filter { !EventDocument.isApplied($0) }.compactMap { $0["batch"]?.stringValue })
                .subtracting([batch]).sorted()
            for j in interrupted {
                let all = try store.events.find(["batch": .string(j)])
                let inputs = all.compactMap(EventDocument.indicatorInput)
                logger.info("recovering an interrupted batch", [("batch", j), ("events", String(all.count))])
                try apply(batch: j, inputs)
                recoveredInputs += inputs
                outcome.recoveredBatches += 1
            }
        }

        // 5. This attempt's own contribution.
        try apply(batch: batch, newInputs)
        outcome.inserted = newEvents.count
        let visibleAt = clock()
        outcome.visibleSeconds = newEvents.map { max(0, Double(visibleAt.millis - $0.capturedAt.millis) / 1000) }

        stage("indicators")

        // 6. Stations and alerts (idempotent: max/set and state reconciliation).
        try updateStations(accepted.map(\.event), now: now)
        try evaluateAlerts(touched: newInputs + recoveredInputs, now: now)
        stage("stations_alerts")

        metrics.update { s in
            s.consumed += Int64(outcome.consumed)
            s.inserted += Int64(outcome.inserted)
            s.duplicates += Int64(outcome.duplicates)
            s.deadLettered += Int64(outcome.deadLettered)
            s.rescored += Int64(outcome.rescored)
            s.recoveredBatches += Int64(outcome.recoveredBatches)
            s.batches += 1
            s.lastBatchAtMillis = Timestamp.now().millis
        }
        metrics.observeBatch(seconds: (ContinuousClock.now - started).seconds)
        metrics.observeVisible(seconds: outcome.visibleSeconds)
        return outcome
    }

    /// Applies `inputs` as batch `batch`: guarded upserts, then marks its events applied.
    private func apply(batch: String, _ inputs: [IndicatorInput]) throws {
        let guardField = "pending_\(batch)"
        let deltas = IndicatorAggregator.deltas(inputs).sorted { $0.key < $1.key }
        let updatedAt = BSONValue.datetime(clock().millis)
        var models: [WriteModel] = deltas.map { key, delta in
            var inc = BSONDocument()
            for (name, v) in delta.increments {
                switch v {
                case .int(let i): inc[name] = .int64(i)
                case .double(let d): inc[name] = .double(d)
                }
            }
            // The key fields never change: $setOnInsert. (nx-27017 also stores a datetime
            // written by an operator on an existing document as a string, which would break
            // the alert window's datetime filter on bucket_start.)
            var update: BSONDocument = [
                "$setOnInsert": [
                    "station_id": .string(key.stationID), "service": .string(key.service.rawValue),
                    "bucket": .string(key.bucket.rawValue), "bucket_start": .datetime(key.start.millis),
                ],
                "$set": ["updated_at": updatedAt, guardField: true],
            ]
            if !inc.isEmpty { update["$inc"] = .document(inc) }
            if let w = delta.waitMax { update["$max"] = ["wait_max": .int64(w)] }
            return .updateOne(filter: ["_id": .string(key.id), guardField: ["$exists": false]], update: update, upsert: true)
        }
        let upserts = models.count
        let prunes = pendingPrunes.withLock { $0 }
        models += prunes.map { id, field in .updateOne(filter: ["_id": .string(id)], update: ["$unset": [field: ""]], upsert: false) }
        if !models.isEmpty {
            let r = try store.indicators.bulkWrite(models, ordered: false)
            // A duplicate key on a guarded upsert: the document exists and already carries
            // this batch's guard, i.e. this key's contribution is in. Anything else is an error.
            if let e = r.writeErrors.first(where: { !($0.isDuplicateKey && $0.index < upserts) }) {
                throw MongoError(domain: .server, code: e.code, message: "indicators: \(e.message)", writeErrors: r.writeErrors)
            }
            let skipped = r.writeErrors.count
            if skipped > 0 { logger.info("indicator keys already applied", [("batch", batch), ("keys", String(skipped))]) }
            pendingPrunes.withLock { $0.removeFirst(min(prunes.count, $0.count)) }
        }
        try fault(.afterIndicators)
        _ = try store.events.updateMany(["batch": .string(batch), "applied": false], update: ["$set": ["applied": true]])
        pendingPrunes.withLock { $0 += deltas.map { ($0.key.id, guardField) } }
        try fault(.afterMarkApplied)
    }

    /// Removes the guards of fully applied batches now (the idle path; normally they ride
    /// along with the next batch's bulk write).
    public func flushPrunes() throws(MongoError) {
        let prunes = pendingPrunes.withLock { $0 }
        guard !prunes.isEmpty else { return }
        _ = try store.indicators.bulkWrite(prunes.map { id, field in
            .updateOne(filter: ["_id": .string(id)], update: ["$unset": [field: ""]], upsert: false)
        }, ordered: false)
        pendingPrunes.withLock { $0.removeFirst(min(prunes.count, $0.count)) }
    }

    // MARK: stations

    private func updateStations(_ events: [Event], now: Timestamp) throws(MongoError) {
        guard !events.isEmpty else { return }
        var lastSeen: [String: Timestamp] = [:]
        var heartbeat: [String: Event] = [:]
        for e in events {
            // An edge clock ahead of ours must not make a station look alive in the future.
            let at = min(e.capturedAt, now)
            lastSeen[e.stationID] = max(lastSeen[e.stationID] ?? at, at)
            if e.kind == .heartbeat, heartbeat[e.stationID].map({ $0.capturedAt < e.capturedAt }) ?? true {
                heartbeat[e.stationID] = e
            }
        }
        let ids = lastSeen.keys.sorted()
        let existing = try store.stations.find(["_id": ["$in": .array(ids.map { .string($0) })]])
        var known: [String: BSONDocument] = [:]
        for d in existing { if let id = d["_id"]?.stringValue { known[id] = d } }
        var models: [WriteModel] = []
        var silenceVerdicts: [(AlertSubject, AlertVerdict)] = []
        for id in ids {
            let old = known[id]
            let seen = max(lastSeen[id]!, Timestamp(millis: Int64(old?["last_seen"]?.datetimeValue ?? 0)))
            // Whole-document replace, not $set: nx-27017 turns a datetime written by an update
            // operator into a string; a replacement keeps the types (and we hold the document).
            var doc = old ?? ["_id": .string(id)]
            doc["last_seen"] = .datetime(seen.millis)
            doc["status"] = .string(now.millis - seen.millis > rules.silenceSeconds * 1000 ? "offline" : "online")
            if doc["first_seen"] == nil { doc["first_seen"] = .datetime(now.millis) }
            if let hb = heartbeat[id], let h = hb.heartbeat,
               hb.capturedAt.millis > Int64(old?["last_heartbeat"]?.datetimeValue ?? Int64.min) {
                doc["last_heartbeat"] = .datetime(hb.capturedAt.millis)
                doc["version"] = .string(h.version)
                doc["pending"] = .int64(h.pending)
                doc["oldest_pending_age_seconds"] = h.oldestPendingAgeSeconds.map { .int64($0) } ?? .null
                doc["outbox_bytes"] = .int64(h.bytes)
                doc["link"] = .string(h.link)
                doc["last_send_at"] = h.lastSendAt.map { .datetime($0.millis) } ?? .null
                if let c = h.clockOffsetMillis { doc["clock_offset_ms"] = .int64(c) }
            }
            models.append(.replaceOne(filter: ["_id": .string(id)], replacement: doc, upsert: true))
            silenceVerdicts.append((AlertSubject(rule: .stationSilent, stationID: id, service: nil),
                                    rules.evaluateSilence(station: id, lastSeen: seen, now: now)))
        }
        _ = try store.stations.bulkWrite(models, ordered: false)
        let c = try alerts.reconcile(silenceVerdicts, now: now)
        metrics.update { $0.alertsOpened += Int64(c.opened); $0.alertsResolved += Int64(c.resolved) }
    }

    /// The timer path: stations silent past the threshold go offline and alert. Run by one
    /// replica (the runtime picks the owner of heartbeat partition 0).
    public func evaluateSilence() throws(MongoError) {
        let now = clock()
        let all = try store.stations.find()
        var verdicts: [(AlertSubject, AlertVerdict)] = []
        var models: [WriteModel] = []
        for d in all {
            guard let id = d["_id"]?.stringValue, let seen = d["last_seen"]?.datetimeValue else { continue }
            let v = rules.evaluateSilence(station: id, lastSeen: Timestamp(millis: seen), now: now)
            verdicts.append((AlertSubject(rule: .stationSilent, stationID: id, service: nil), v))
            let status = v == .clear ? "online" : "offline"
            if d["status"]?.stringValue != status {
                var doc = d
                doc["status"] = .string(status)
                models.append(.replaceOne(filter: ["_id": .string(id)], replacement: doc, upsert: false))
            }
        }
        _ = try store.stations.bulkWrite(models, ordered: false)
        let c = try alerts.reconcile(verdicts, now: now)
        metrics.update { $0.alertsOpened += Int64(c.opened); $0.alertsResolved += Int64(c.resolved) }
    }

    // MARK: alerts

    private func evaluateAlerts(touched: [IndicatorInput], now: Timestamp) throws(MongoError) {
        let start = rules.windowStart(now: now)
        var pairs: Set<String> = []
        var subjects: [(String, ServicePole)] = []
        for i in touched where i.capturedAt >= start {
            if pairs.insert("\(i.stationID)|\(i.service.rawValue)").inserted { subjects.append((i.stationID, i.service)) }
        }
        guard !subjects.isEmpty else { return }
        let stations = Array(Set(subjects.map(\.0))).sorted()
        // nx-27017's aggregate ignores datetime comparisons; find handles them: sum in Swift.
        let docs = try store.indicators.find([
            "bucket": "5m",
            "station_id": ["$in": .array(stations.map { .string($0) })],
            "bucket_start": ["$gte": .datetime(start.millis)],
        ])
        var windows: [String: PoleWindow] = [:]
        for d in docs {
            guard let s = d["station_id"]?.stringValue, let p = d["service"]?.stringValue else { continue }
            var w = windows["\(s)|\(p)", default: PoleWindow()]
            w.reviews += Int64(d["reviews"]?.intValue ?? 0)
            w.unsatisfied += Int64(d["unsatisfied"]?.intValue ?? 0)
            w.waitSum += Int64(d["wait_sum"]?.intValue ?? 0)
            w.waitCount += Int64(d["wait_count"]?.intValue ?? 0)
            windows["\(s)|\(p)"] = w
        }
        var verdicts: [(AlertSubject, AlertVerdict)] = []
        for (s, p) in subjects {
            verdicts += rules.evaluate(station: s, service: p, window: windows["\(s)|\(p.rawValue)"] ?? PoleWindow())
        }
        let c = try alerts.reconcile(verdicts, now: now)
        metrics.update { $0.alertsOpened += Int64(c.opened); $0.alertsResolved += Int64(c.resolved) }
    }
}

extension Swift.Duration {
    var seconds: Double {
        let (s, a) = components
        return Double(s) + Double(a) / 1e18
    }
}
