import CorridorModel

extension IndicatorBucket {
    /// The range a query covers when it gives no `from`: 6 h of 5-minute, 48 h of hourly,
    /// 30 days of daily buckets.
    var defaultSpanSeconds: Int64 {
        switch self {
        case .fiveMinutes: return 6 * 3600
        case .hour: return 48 * 3600
        case .day: return 30 * 86_400
        }
    }
}

/// Reads a request's query string strictly: unknown names and malformed values are refused
/// with the parameter's name as `field`, so a typo never silently widens a query.
struct QueryParameters {
    let values: [String: String]

    init(_ values: [String: String], allowed: Set<String>) throws(ValidationError) {
        for name in values.keys.sorted() where !allowed.contains(name) {
            let list = allowed.sorted().joined(separator: ", ")
            throw ValidationError("unknown query parameter \"\(name)\"" + (list.isEmpty ? "" : " (allowed: \(list))"), field: name)
        }
        self.values = values
    }

    /// The raw value; an empty value counts as absent (`?station=` from a blank form field).
    func string(_ name: String) -> String? {
        guard let v = values[name], !v.isEmpty else { return nil }
        return v
    }

    func station(_ name: String = "station") throws(ValidationError) -> String? {
        guard let s = string(name) else { return nil }
        do { try Event.checkStationID(s) } catch {
            throw ValidationError("\(name) must be 1-64 characters of A-Z, a-z, 0-9, '-', '_', '.'", field: name)
        }
        return s
    }

    func oneOf<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws(ValidationError) -> E? where E.RawValue == String {
        guard let s = string(name) else { return nil }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("\(name) must be one of \(allowed), not \"\(s)\"", field: name)
        }
        return e
    }

    func timestamp(_ name: String) throws(ValidationError) -> Timestamp? {
        guard let s = string(name) else { return nil }
        guard let t = Timestamp(rfc3339: s) else {
            throw ValidationError("\(name) must be an RFC 3339 timestamp such as 2026-03-01T00:00:00Z", field: name)
        }
        return t
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(ValidationError) -> Int? {
        guard let s = string(name) else { return nil }
        guard let i = Int(s), range.contains(i) else {
            throw ValidationError("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return i
    }
}

/// `state` filter of `/api/v1/alerts`.
enum AlertStateFilter: String, CaseIterable {
    case open, resolved, all
}
