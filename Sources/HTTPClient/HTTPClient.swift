import CCurl

/// What the server answered.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
}

/// A request that got no HTTP answer (DNS, connect, TLS, timeout), with libcurl's code and text.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// The `CURLcode`.
    public var code: Int32
    public var message: String
    public var description: String { "curl error \(code): \(message)" }
}

/// A blocking HTTP(S) client over one libcurl easy handle, which keeps its connection (and TLS
/// session) alive between requests: over a satellite link the handshake is the expensive part.
///
/// Not `Sendable`: one owner thread uses it (the forwarder's).
public final class HTTPClient {
    private let handle: UnsafeMutableRawPointer
    private let userAgent: String

    /// Loads libcurl on first use (see `ccurl.h`): an agent that never posts never maps it.
    public init(userAgent: String = "corridor") throws(HTTPClientError) {
        if let why = corridor_curl_load() {
            throw HTTPClientError(code: -1, message: String(cString: why))
        }
        guard let h = corridor_curl_easy_init() else {
            throw HTTPClientError(code: -1, message: "curl_easy_init failed")
        }
        handle = h
        self.userAgent = userAgent
    }

    deinit { corridor_curl_easy_cleanup(handle) }

    /// POSTs `body` to `url` and returns the status and body, or the transport error.
    public func post(url: String, headers: [(String, String)], body: [UInt8],
                     timeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(15),
                     maxResponseBytes: Int = 1 << 20) -> Result<HTTPClientResponse, HTTPClientError> {
        let sink = ResponseSink(limit: maxResponseBytes)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (k, v) in headers { list = corridor_curl_slist_append(list, "\(k): \(v)") }
        // An empty Expect stops curl from waiting for `100 Continue` on large bodies.
        list = corridor_curl_slist_append(list, "Expect:")
        defer { corridor_curl_slist_free_all(list) }
        let h = handle
        let code: CURLcode = body.withUnsafeBytes { raw in
            corridor_curl_setopt_str(h, CURLOPT_URL, url)
            corridor_curl_setopt_str(h, CURLOPT_USERAGENT, userAgent)
            corridor_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
            corridor_curl_setopt_long(h, CURLOPT_POST, 1)
            corridor_curl_setopt_ptr(h, CURLOPT_POSTFIELDS, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
            corridor_curl_setopt_long(h, CURLOPT_POSTFIELDSIZE, raw.count)
            corridor_curl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
            corridor_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000))
            corridor_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.components.seconds * 1000))
            corridor_curl_setopt_writefn(h, CURLOPT_WRITEFUNCTION, { data, size, count, user in
                guard let data, let user else { return 0 }
                let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
                let n = size * count
                if sink.bytes.count < sink.limit {
                    data.withMemoryRebound(to: UInt8.self, capacity: n) {
                        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: min(n, sink.limit - sink.bytes.count)))
                    }
                }
                return n
            })
            return withExtendedLifetime(sink) {
                corridor_curl_setopt_ptr(h, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
                let rc = corridor_curl_easy_perform(h)
                // The handle must not keep pointers into memory that is about to go away.
                corridor_curl_setopt_ptr(h, CURLOPT_POSTFIELDS, nil)
                corridor_curl_setopt_slist(h, CURLOPT_HTTPHEADER, nil)
                corridor_curl_setopt_ptr(h, CURLOPT_WRITEDATA, nil)
                return rc
            }
        }
        guard code == CURLE_OK else {
            return .failure(HTTPClientError(code: Int32(code.rawValue), message: String(cString: corridor_curl_easy_strerror(code))))
        }
        var status = 0
        corridor_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPClientResponse(status: status, body: sink.bytes))
    }
}

/// Where curl's write callback puts the response body.
private final class ResponseSink {
    var bytes: [UInt8] = []
    let limit: Int
    init(limit: Int) { self.limit = limit }
}
