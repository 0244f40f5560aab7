/// Why an input is refused, naming the field at fault (the API answers `400 {"error", "field"}`).
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }

    /// `{"error": ..., "field": ...}`
    public var json: JSONValue {
        var o = JSONObject()
        o["error"] = .string(message)
        if let field { o["field"] = .string(field) }
        return .object(o)
    }
}
