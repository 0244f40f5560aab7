#if canImport(Glibc)
import Glibc
#endif

/// Path and directory helpers over POSIX calls (the edge avoids Foundation to stay small in memory).
public enum FilePaths {
    public static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// `mkdir -p`; returns an error message or nil.
    public static func makeDirectories(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                return "cannot create \(current): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    /// `rename(2)`; returns an error message or nil.
    public static func move(_ from: String, _ to: String) -> String? {
        rename(from, to) == 0 ? nil : "cannot move \(from) to \(to): \(String(cString: strerror(errno)))"
    }

    /// fsyncs a directory so a rename in it survives a power cut.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// A dedicated OS thread for a blocking loop (the outbox writer, the forwarder), off Swift's
/// cooperative pool.
public enum DedicatedThread {
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            // Linux thread names: 15 bytes, set from inside the thread (prctl PR_SET_NAME = 15).
            let b = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
            b.body()
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(tid)
    }
}
