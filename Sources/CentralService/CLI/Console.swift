#if canImport(Glibc)
import Glibc
#endif

/// Writes whole lines to stdout/stderr with one `write(2)` each.
enum Console {
    static func out(_ s: String) { put(1, s) }
    static func err(_ s: String) { put(2, s) }

    private static func put(_ fd: Int32, _ s: String) {
        var line = s
        if !line.hasSuffix("\n") { line += "\n" }
        let bytes = Array(line.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { break }
            off += n
        }
    }
}
