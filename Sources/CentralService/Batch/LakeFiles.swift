#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system failure in the lake, with the path and errno.
public struct LakeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String
    public var errno: Int32
    public init(_ message: String, path: String, errno: Int32 = 0) { self.message = message; self.path = path; self.errno = errno }
    public var description: String {
        errno == 0 ? "\(message): \(path)" : "\(message): \(path): \(String(cString: strerror(errno)))"
    }
}

/// The few POSIX file operations compaction needs, with the durability steps spelled out.
enum LakeFiles {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size in bytes, nil when the file does not exist.
    static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    /// Entry names of a directory (no `.` and `..`), sorted; empty if it does not exist.
    static func list(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw LakeError("cannot create directory", path: built, errno: errno)
            }
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LakeError("cannot open", path: path, errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LakeError("cannot stat", path: path, errno: errno) }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < out.count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw LakeError("cannot read", path: path, errno: errno) }
            if n == 0 { out.removeLast(out.count - done); break }  // shrank while reading
            done += n
        }
        return out
    }

    /// Writes `bytes` to `path` atomically: temp file, fsync, rename, fsync of the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LakeError("cannot create", path: tmp, errno: errno) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { let e = errno; close(fd); throw LakeError("cannot write", path: tmp, errno: e) }
            done += n
        }
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw LakeError("cannot fsync", path: tmp, errno: e) }
        close(fd)
        try rename(tmp, path)
    }

    /// rename(2) then fsync of the target's directory, so the new name survives a power cut.
    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw LakeError("cannot rename to \(to)", path: from, errno: errno) }
        try syncDirectory(parent(of: to))
    }

    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw LakeError("cannot remove", path: path, errno: errno) }
    }

    static func syncDirectory(_ dir: String) throws {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LakeError("cannot open directory", path: dir, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LakeError("cannot fsync directory", path: dir, errno: errno) }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
