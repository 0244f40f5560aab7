#if canImport(Glibc)
import Glibc
#endif

/// A small structured logger: one line per message, `time level label: message key=value…`.
/// Libraries take one as a parameter; executables make it.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var name: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    public var label: String
    public var minimum: Level
    private let sink: @Sendable (String) -> Void

    public init(label: String, minimum: Level = .info, sink: @escaping @Sendable (String) -> Void = Logger.standardError) {
        self.label = label; self.minimum = minimum; self.sink = sink
    }

    /// A logger that drops everything (tests, benchmarks).
    public static let silent = Logger(label: "silent", minimum: .error) { _ in }

    public static let standardError: @Sendable (String) -> Void = { line in
        var l = line
        l.append("\n")
        var bytes = Array(l.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    public func with(label: String) -> Logger {
        var l = self
        l.label = label
        return l
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String, _ fields: [(String, String)] = []) {
        guard level >= minimum else { return }
        var line = "\(Timestamp.now().rfc3339) \(level.name) \(label): \(message())"
        for (k, v) in fields { line += " \(k)=\(v.contains(" ") ? "\"\(v)\"" : v)" }
        sink(line)
    }

    public func debug(_ m: @autoclosure () -> String, _ f: [(String, String)] = []) { log(.debug, m(), f) }
    public func info(_ m: @autoclosure () -> String, _ f: [(String, String)] = []) { log(.info, m(), f) }
    public func warning(_ m: @autoclosure () -> String, _ f: [(String, String)] = []) { log(.warning, m(), f) }
    public func error(_ m: @autoclosure () -> String, _ f: [(String, String)] = []) { log(.error, m(), f) }
}
