/// An HTTP request as the handler sees it: the whole body already read (bounded).
public struct HTTPRequest: Sendable {
    public var method: String
    /// Path without the query string.
    public var path: String
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]
    public var clientAddress: String
    public var isLoopback: Bool
    /// True when the body was larger than the server's limit (the body is then empty).
    public var bodyTooLarge: Bool

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = [],
                clientAddress: String = "127.0.0.1", isLoopback: Bool = true, bodyTooLarge: Bool = false) {
        self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
        self.clientAddress = clientAddress; self.isLoopback = isLoopback; self.bodyTooLarge = bodyTooLarge
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What the handler answers.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }

    public static func text(_ status: Int, _ s: String, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(s.utf8))
    }

    public static func json(_ status: Int, bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: bytes)
    }
}

/// Why the server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
