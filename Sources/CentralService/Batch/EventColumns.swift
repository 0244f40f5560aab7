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

    static func json(_ v: JSONValue) -> String { JSONWriter.string(v) }

    /// Column batches for `events` (all of `kind`), in schema order.
    static func columns(_ kind: EventKind, _ events: ArraySlice<Event>) -> [ColumnValues] {
        let head: [ColumnValues] = [
            .string(events.map(\.id)), .string(events.map(\.stationID)), .int64(events.map { $0.capturedAt.millis }),
        ]
        let attrs = ColumnValues.string(events.map { json(.object($0.attrs)) })
        switch kind {
        case .review:
            return head + [
                .string(events.map { $0.service?.rawValue }),
                .int32(events.map { $0.rating.map { Int32(clamping: $0) } }),
                .string(events.map(\.text)),
                .string(events.map { $0.channel?.rawValue }),
                .string(events.map { $0.sentiment?.label.rawValue }),
                .double(events.map { $0.sentiment?.score }),
                .string(events.map { e in
                    e.sentiment.map { json($0.aspectsJSON) }
                }),
                .string(events.map { $0.sentiment?.model }),
                attrs,
            ]
        case .transaction:
            return head + [
                .string(events.map { $0.service?.rawValue }),
                .int64(events.map(\.amountXOF)),
                .string(events.map(\.product)),
                .double(events.map(\.quantity)),
                .int64(events.map(\.waitSeconds)),
                .string(events.map { $0.payment?.rawValue }),
                attrs,
            ]
        case .heartbeat:
            return head + [
                .string(events.map { $0.heartbeat?.version }),
                .int64(events.map { $0.heartbeat?.pending }),
                .int64(events.map { $0.heartbeat?.oldestPendingAgeSeconds }),
                .int64(events.map { $0.heartbeat?.bytes }),
                .int64(events.map { $0.heartbeat?.lastSendAt?.millis }),
                .string(events.map { $0.heartbeat?.link }),
                .int64(events.map { $0.heartbeat?.clockOffsetMillis }),
                attrs,
            ]
        }
    }
}
