import CorridorModel
import Parquet

/// The Parquet layout of each event kind in the lake, and the conversion of events to columns.
enum EventColumns {
    static func schema(_ kind: EventKind) -> ParquetSchema {
        let head: [ParquetColumn] = [.string("id"), .string("station_id"), .timestampMillis("captured_at")]
        switch kind {
        case .review:
            return ParquetSchema(head + [
                .string("service", optional: true), .int32("rating", optional: true), .string("text", optional: true),
                .string("channel", optional: true), .string("label", optional: true), .double("score", optional: true),
                .string("aspects", optional: true), .string("model", optional: true), .string("attrs"),
            ])
        case .transaction:
            return ParquetSchema(head + [
                .string("service", optional: true), .int64("amount_xof", optional: true), .string("product", optional: true),
                .double("quantity", optional: true), .int64("wait_seconds", optional: true), .string("payment", optional: true),
                .string("attrs"),
            ])
        case .heartbeat:
            return ParquetSchema(head + [
                .string("version", optional: true), .int64("pending", optional: true),
                .int64("oldest_pending_age_seconds", optional: true), .int64("bytes", optional: true),
                .timestampMillis("last_send_at", optional: true), .string("link", optional: true),
                .int64("clock_offset_ms", optional: true), .string("attrs"),
            ])
        }
    }
}
