#if canImport(Glibc)
import Glibc
#endif

/// Writes whole lines to stdout/stderr with one `write(2)` each (no interleaving between threads).
public enum Console {
    public static func out(_ s: String) { put(1, s) }
    public static func err(_ s: String) { put(2, s) }

    private static func put(_ fd: Int32, _ s: String) {
        var line = s
        if !line.hasSuffix("\n") { line += "\n" }
        var bytes = Array(line.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { break }
            off += n
        }
    }
}
