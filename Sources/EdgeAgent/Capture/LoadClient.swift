#if canImport(Glibc)
import Glibc
#endif

/// A minimal keep-alive HTTP/1.1 client (benchmarks and tests) over a blocking socket, for load generation on loopback.
/// It reads `Content-Length` bodies only (what the edge API answers).
public final class LoadClient {
    private var fd: Int32 = -1
    private let port: UInt16
    private var buffer = [UInt8](repeating: 0, count: 65536)
    private var pending: [UInt8] = []

    public init(port: UInt16) throws {
        self.port = port
        try connectSocket()
    }

    deinit { if fd >= 0 { close(fd) } }

    private func connectSocket() throws {
        if fd >= 0 { close(fd) }
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw LoadError(message: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        pending = []
    }

    public struct LoadError: Error { public var message: String }

    /// Sends one request and returns (status, body).
    public func request(method: String, path: String, body: [UInt8], contentType: String = "application/json") throws -> (Int, [UInt8]) {
        var req = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
        req.append(contentsOf: body)
        var off = 0
        while off < req.count {
            let n = req.withUnsafeBytes { send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LoadError(message: "send failed: errno \(errno)") }
            off += n
        }
        // Read until headers + Content-Length bytes are in.
        while true {
            if let (status, len, headerEnd) = parseHead(), pending.count >= headerEnd + len {
                let b = Array(pending[headerEnd..<(headerEnd + len)])
                pending.removeFirst(headerEnd + len)
                return (status, b)
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw LoadError(message: "connection closed") }
            pending.append(contentsOf: buffer[0..<n])
        }
    }

    private func parseHead() -> (Int, Int, Int)? {
        guard pending.count >= 12 else { return nil }
        var end = -1
        var i = 3
        while i < pending.count {
            if pending[i] == 10, pending[i - 1] == 13, pending[i - 2] == 10, pending[i - 3] == 13 { end = i + 1; break }
            i += 1
        }
        guard end > 0 else { return nil }
        let head = String(decoding: pending[0..<end], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ")
        let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var len = 0
        for l in lines.dropFirst() where l.lowercased().hasPrefix("content-length:") {
            len = Int(l.dropFirst("content-length:".count).trimmingCharacters()) ?? 0
        }
        return (status, len, end)
    }
}

extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
