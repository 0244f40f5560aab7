import CorridorModel

/// The time granularities indicators are kept at.
public enum IndicatorBucket: String, Sendable, CaseIterable {
    case fiveMinutes = "5m"
    case hour = "1h"
    case day = "1d"

    public var seconds: Int64 {
        switch self {
        case .fiveMinutes: return 300
        case .hour: return 3600
        case .day: return 86_400
        }
    }
}

/// One indicator document's identity: station × service × bucket × bucket start.
public struct IndicatorKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var stationID: String
    public var service: ServicePole
    public var bucket: IndicatorBucket
    public var start: Timestamp

    public init(stationID: String, service: ServicePole, bucket: IndicatorBucket, start: Timestamp) {
        self.stationID = stationID; self.service = service; self.bucket = bucket; self.start = start
    }

    /// `STATION|SERVICE|BUCKET|BUCKETSTART_RFC3339`, the document's `_id`.
    public var id: String { "\(stationID)|\(service.rawValue)|\(bucket.rawValue)|\(start.rfc3339)" }
    public var description: String { id }

    public static func < (a: IndicatorKey, b: IndicatorKey) -> Bool { a.id < b.id }
}
