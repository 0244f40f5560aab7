import CMicroHTTPD
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server over libmicrohttpd, one thread per connection, so a handler may block
/// (the edge's capture handler waits for its group commit) without stalling other clients.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private let daemon: Mutex<DaemonHandle?>
    private let context: Unmanaged<ServerContext>
    /// The port actually bound (useful when started with port 0).
    public let port: UInt16
    public let host: String

    /// Binds `host:port` (IPv4; `0.0.0.0` for every interface) and starts serving.
    public init(host: String, port: UInt16, maxBodyBytes: Int = 64 * 1024, connectionLimit: Int = 256,
                timeoutSeconds: Int = 30, handler: @escaping Handler) throws(HTTPServerError) {
        let resolved = host == "localhost" ? "127.0.0.1" : host
        let ctx = Unmanaged.passRetained(ServerContext(handler: handler, maxBody: maxBodyBytes))
        let flags = UInt32(MHD_USE_THREAD_PER_CONNECTION.rawValue | MHD_USE_INTERNAL_POLLING_THREAD.rawValue
                           | MHD_USE_POLL.rawValue | MHD_USE_ERROR_LOG.rawValue)
        guard let d = corridor_mhd_start(flags, resolved, port, accessHandler, ctx.toOpaque(), completedHandler, nil,
                                         UInt32(connectionLimit), UInt32(timeoutSeconds), 256 * 1024)
        else {
            ctx.release()
            throw HTTPServerError(message: "cannot listen on \(host):\(port) (address in use, not an IPv4 address, or not permitted)")
        }
        daemon = Mutex(DaemonHandle(pointer: d))
        context = ctx
        self.port = corridor_mhd_bound_port(d)
        self.host = resolved
    }

    /// Stops accepting, waits for handlers in progress, and closes the socket.
    public func stop() {
        let d = daemon.withLock { d -> DaemonHandle? in let x = d; d = nil; return x }
        if let d { MHD_stop_daemon(d.pointer) }
    }

    deinit {
        stop()
        context.release()
    }
}

/// The MHD daemon; MHD itself is thread-safe for stop.
struct DaemonHandle: @unchecked Sendable { let pointer: OpaquePointer }

final class ServerContext: Sendable {
    let handler: HTTPServer.Handler
    let maxBody: Int
    init(handler: @escaping HTTPServer.Handler, maxBody: Int) { self.handler = handler; self.maxBody = maxBody }
}

/// Per-request state kept by MHD between calls of the access handler.
final class RequestState {
    var body: [UInt8] = []
    var tooLarge = false
}

private func collect(_ conn: OpaquePointer?, _ kind: MHD_ValueKind) -> [String: String] {
    final class Box { var d: [String: String] = [:] }
    let box = Box()
    let u = Unmanaged.passUnretained(box)
    MHD_get_connection_values(conn, kind, { cls, _, key, value in
        guard let cls, let key else { return CORRIDOR_MHD_YES }
        let b = Unmanaged<Box>.fromOpaque(cls).takeUnretainedValue()
        b.d[String(cString: key).lowercased()] = value.map { String(cString: $0) } ?? ""
        return CORRIDOR_MHD_YES
    }, u.toOpaque())
    return box.d
}

private func respond(_ conn: OpaquePointer?, _ r: HTTPResponse) -> MHD_Result {
    let resp = r.body.withUnsafeBytes { p in
        MHD_create_response_from_buffer(p.count, UnsafeMutableRawPointer(mutating: p.baseAddress), CORRIDOR_MHD_RESPMEM_MUST_COPY)
    }
    guard let resp else { return CORRIDOR_MHD_NO }
    for (k, v) in r.headers { MHD_add_response_header(resp, k, v) }
    let rc = MHD_queue_response(conn, UInt32(r.status), resp)
    MHD_destroy_response(resp)
    return rc
}

private let accessHandler: MHD_AccessHandlerCallback = { cls, conn, url, method, _, uploadData, uploadSize, reqCls in
    guard let cls, let reqCls, let uploadSize else { return CORRIDOR_MHD_NO }
    let ctx = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    if reqCls.pointee == nil {
        let state = RequestState()
        // Refuse an announced oversize body before reading it.
        if let cl = MHD_lookup_connection_value(conn, CORRIDOR_MHD_HEADER_KIND, "Content-Length"),
           let n = Int(String(cString: cl)), n > ctx.maxBody {
            state.tooLarge = true
        }
        reqCls.pointee = Unmanaged.passRetained(state).toOpaque()
        return CORRIDOR_MHD_YES
    }
    let state = Unmanaged<RequestState>.fromOpaque(reqCls.pointee!).takeUnretainedValue()
    if uploadSize.pointee > 0 {
        let n = uploadSize.pointee
        if !state.tooLarge {
            if state.body.count + n > ctx.maxBody {
                state.tooLarge = true
                state.body = []
            } else if let uploadData {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: n) { p in
                    state.body.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                }
            }
        }
        uploadSize.pointee = 0
        return CORRIDOR_MHD_YES
    }
    var addr = [CChar](repeating: 0, count: 64)
    let loopback = corridor_mhd_client_address(conn, &addr, addr.count) != 0
    let rawURL = url.map { String(cString: $0) } ?? "/"
    let req = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "GET",
        path: rawURL.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/",
        query: collect(conn, CORRIDOR_MHD_GET_ARGUMENT_KIND),
        headers: collect(conn, CORRIDOR_MHD_HEADER_KIND),
        body: state.body,
        clientAddress: String(decoding: addr.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
        isLoopback: loopback,
        bodyTooLarge: state.tooLarge)
    return respond(conn, ctx.handler(req))
}

private let completedHandler: MHD_RequestCompletedCallback = { _, _, reqCls, _ in
    guard let reqCls, let p = reqCls.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(p).release()
    reqCls.pointee = nil
}
