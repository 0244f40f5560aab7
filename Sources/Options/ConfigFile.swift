#if canImport(Glibc)
import Glibc
#endif

/// A small INI/TOML-like config file: `key = value` lines, `#` comments, optional `"quotes"`,
/// and `[section]` headers that prefix keys (`[kafka]` + `acks = all` → `kafka.acks`).
/// Keys are normalised: `data_dir` and `data-dir` are the same setting.
public struct ConfigFile: Sendable {
    public var values: [(String, String)]

    public static func load(path: String) throws(UsageError) -> ConfigFile {
        guard let f = fopen(path, "r") else { throw UsageError("cannot read config file \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buf[0..<n])
        }
        return try parse(String(decoding: bytes, as: UTF8.self), name: path)
    }

    public static func parse(_ text: String, name: String = "config") throws(UsageError) -> ConfigFile {
        var out: [(String, String)] = []
        var section = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw UsageError("\(name):\(n + 1): bad section header") }
                section = String(line.dropFirst().dropLast()).trimmingSpaces
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw UsageError("\(name):\(n + 1): expected key = value") }
            var key = String(line[..<eq]).trimmingSpaces
            var value = String(line[line.index(after: eq)...]).trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            else if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingSpaces }
            if section.isEmpty {
                key = key.replacingUnderscores()
            } else {
                key = section + "." + key
            }
            out.append((key, value))
        }
        return ConfigFile(values: out)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
    fileprivate func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
