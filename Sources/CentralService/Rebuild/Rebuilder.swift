import CorridorModel
import Mongo

/// The batch layer's repair tool: recomputes the `indicators` view from the immutable raw lake,
/// with the same decoding, sentiment second pass, dedup by id and aggregation as the speed layer,
/// so the result equals what the consumers built — or what they should have built.
///
/// It reads `LAKE/raw/date=*/…jsonl`: raw files are never deleted by compaction, so they hold
/// every event, compacted or not (the Parquet files are derived from them). Lines that do not
/// decode are counted and skipped, as the consumers dead-letter them.
public struct Rebuilder: Sendable {
    public struct Summary: Sendable, Equatable {
        public var files = 0
        public var lines = 0
        public var events = 0
        public var duplicates = 0
        public var badLines = 0
        public var rescored = 0
        public var indicatorDocuments = 0
    }

    public let lakeDir: String
    public let rescorer: any Rescorer

    public init(lakeDir: String, rescorer: any Rescorer) {
        self.lakeDir = lakeDir
        self.rescorer = rescorer
    }

    /// Every distinct event in the raw lake and the indicator deltas they add up to.
    public func compute(progress: (String) -> Void = { _ in }) throws -> (summary: Summary, deltas: [IndicatorKey: IndicatorDelta]) {
        var s = Summary()
        var seen = Set<String>()
        var inputs: [IndicatorInput] = []
        let rawRoot = lakeDir + "/raw"
        guard LakeFiles.isDirectory(rawRoot) else { throw LakeError("no raw lake at", path: rawRoot) }
        let dates = LakeFiles.list(rawRoot).filter { $0.hasPrefix("date=") }.sorted()
        for (n, date) in dates.enumerated() {
            let dir = rawRoot + "/" + date
            for name in LakeFiles.list(dir).sorted() where name.hasSuffix(".jsonl") {
                s.files += 1
                let bytes = try LakeFiles.read(dir + "/" + name)
                for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                    s.lines += 1
                    guard let decoded = try? Event(envelope: line) else { s.badLines += 1; continue }
                    guard seen.insert(decoded.id).inserted else { s.duplicates += 1; continue }
                    let (event, rescored) = rescorer.rescored(decoded)
                    if rescored { s.rescored += 1 }
                    s.events += 1
                    if let input = IndicatorInput(event) { inputs.append(input) }
                }
            }
            progress("rebuild: read \(date) (\(n + 1)/\(dates.count) days, \(s.events) events)")
        }
        let deltas = IndicatorAggregator.deltas(inputs)
        s.indicatorDocuments = deltas.count
        return (s, deltas)
    }

    /// The indicator document a delta stands for, as the speed layer's upserts leave it.
    public static func document(_ key: IndicatorKey, _ delta: IndicatorDelta, updatedAt: Timestamp) -> BSONDocument {
        var doc: BSONDocument = [
            "_id": .string(key.id), "station_id": .string(key.stationID), "service": .string(key.service.rawValue),
            "bucket": .string(key.bucket.rawValue), "bucket_start": .datetime(key.start.millis),
            "updated_at": .datetime(updatedAt.millis),
        ]
        for (name, v) in delta.increments {
            switch v {
            case .int(let i): doc[name] = .int64(i)
            case .double(let d): doc[name] = .double(d)
            }
        }
        if let w = delta.waitMax { doc["wait_max"] = .int64(w) }
        return doc
    }

    /// Replaces the `indicators` collection of `store` with the recomputed documents.
    ///
    /// Stop the consumers first (or point `--database` at a new database and switch the API):
    /// increments applied while the collection is being replaced would be lost.
    public func replace(in store: CentralStore, deltas: [IndicatorKey: IndicatorDelta], now: Timestamp = .now(),
                        progress: (String) -> Void = { _ in }) throws {
        _ = try store.indicators.deleteMany([:])
        let docs = deltas.sorted { $0.key < $1.key }.map { Rebuilder.document($0.key, $0.value, updatedAt: now) }
        var written = 0
        var i = 0
        while i < docs.count {
            let chunk = Array(docs[i..<min(docs.count, i + 1000)])
            let r = try store.indicators.insertMany(chunk, ordered: false)
            written += r.insertedCount
            i += chunk.count
            progress("rebuild: wrote \(written)/\(docs.count) indicator documents")
        }
    }
}
