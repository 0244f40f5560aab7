#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One buffered writer over a file descriptor, counting the bytes written (page offsets).
final class FileSink {
    let fd: Int32
    private let ownsFD: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// Bytes handed to `write` so far, i.e. the offset of the next byte in the file.
    private(set) var position: Int64 = 0

    init(fd: Int32, ownsFD: Bool, capacity: Int = 1 << 20) {
        self.fd = fd
        self.ownsFD = ownsFD
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit { if ownsFD { _ = Glibc.close(fd) } }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in try write(raw) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        position += Int64(bytes.count)
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let b = buffer
        buffer.removeAll(keepingCapacity: true)
        try b.withUnsafeBytes { raw in try writeAll(raw) }
    }

    func sync() throws {
        try flush()
        guard fsync(fd) == 0 else { throw ParquetError("fsync failed", errno: errno) }
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError("write failed", errno: errno)
            }
            done += n
        }
    }
}
