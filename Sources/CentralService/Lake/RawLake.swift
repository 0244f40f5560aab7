import CorridorModel
#if canImport(Glibc)
import Glibc
#endif

/// The immutable raw lake: `DIR/raw/date=YYYY-MM-DD/TOPIC-pPARTITION-oFIRSTOFFSET.jsonl`.
///
/// One line per event, the exact envelope bytes read from Kafka. The file name comes from the
/// batch's first offset in that partition, so a batch replayed after a crash (which restarts
/// at the same committed offset) rewrites the same file instead of adding a second copy. Each
/// file is written to a temporary name, fsynced, renamed into place and the directory fsynced:
/// a reader (compaction) sees a whole file or none.
public struct RawLake: Sendable {
    public let root: String

    public init(directory: String) throws(LakeError) {
        root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try Self.makeDirectories(root + "/raw")
    }

    /// One line to write: the envelope bytes, where they came from, and the event's date.
    public struct Line: Sendable {
        public var topic: String
        public var partition: Int32
        public var offset: Int64
        public var date: String
        public var bytes: [UInt8]
        public init(topic: String, partition: Int32, offset: Int64, date: String, bytes: [UInt8]) {
            self.topic = topic; self.partition = partition; self.offset = offset; self.date = date; self.bytes = bytes
        }
    }

    /// Writes a batch durably; returns the paths written. Lines keep their offset order.
    @discardableResult
    public func write(_ lines: [Line]) throws(LakeError) -> [String] {
        guard !lines.isEmpty else { return [] }
        var firstOffset: [String: Int64] = [:]  // "topic|partition" → first offset in the batch
        for l in lines {
            let k = "\(l.topic)|\(l.partition)"
            firstOffset[k] = min(firstOffset[k] ?? l.offset, l.offset)
        }
        var files: [String: [Line]] = [:]
        var order: [String] = []
        for l in lines {
            let first = firstOffset["\(l.topic)|\(l.partition)"]!
            let path = "\(root)/raw/date=\(l.date)/\(Self.safe(l.topic))-p\(l.partition)-o\(first).jsonl"
            if files[path] == nil { order.append(path) }
            files[path, default: []].append(l)
        }
        var dirs: Set<String> = []
        for path in order {
            let dir = String(path[..<path.lastIndex(of: "/")!])
            if !dirs.contains(dir) { try Self.makeDirectories(dir) }
            var content: [UInt8] = []
            for l in files[path]!.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
                content += l.bytes
                content.append(0x0A)
            }
            try Self.writeAtomically(path: path, content: content)
            dirs.insert(dir)
        }
        for dir in dirs { try Self.fsyncDirectory(dir) }
        return order
    }

    /// Topic names are `[a-zA-Z0-9._-]` in Kafka; anything else is replaced to keep paths sane.
    static func safe(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" })
    }

    static func writeAtomically(path: String, content: [UInt8]) throws(LakeError) {
        let dir = path[..<path.lastIndex(of: "/")!]
        let name = path[path.index(after: path.lastIndex(of: "/")!)...]
        let tmp = "\(dir)/.\(name).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LakeError("open", path: tmp, errno: errno) }
        var off = 0
        while off < content.count {
            let n = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd); unlink(tmp)
                throw LakeError("write", path: tmp, errno: e)
            }
            off += n
        }
        if fsync(fd) != 0 { let e = errno; close(fd); unlink(tmp); throw LakeError("fsync", path: tmp, errno: e) }
        close(fd)
        if rename(tmp, path) != 0 { let e = errno; unlink(tmp); throw LakeError("rename", path: path, errno: e) }
    }

    static func fsyncDirectory(_ dir: String) throws(LakeError) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LakeError("open", path: dir, errno: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw LakeError("fsync", path: dir, errno: errno) }
    }

    static func makeDirectories(_ path: String) throws(LakeError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw LakeError("mkdir", path: current, errno: errno) }
        }
    }
}
