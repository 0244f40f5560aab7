#if canImport(Glibc)
import Glibc
#endif

/// A command-line option. Every option can also come from the config file (`name` with `-` or `_`)
/// and from the environment (`CORRIDOR_` + upper-cased name with `_`).
public struct OptionSpec: Sendable {
    public var name: String
    public var help: String
    /// Placeholder in help (`DIR`, `HOST:PORT`); nil for a flag that takes no value.
    public var valueName: String?
    public var defaultValue: String?
    /// Only from the command line (e.g. `--config` itself, `--text`).
    public var commandLineOnly: Bool

    public init(_ name: String, _ valueName: String?, _ help: String, default d: String? = nil, commandLineOnly: Bool = false) {
        self.name = name; self.valueName = valueName; self.help = help; self.defaultValue = d; self.commandLineOnly = commandLineOnly
    }

    public var isFlag: Bool { valueName == nil }
    public var environmentName: String {
        "CORRIDOR_" + name.uppercased().map { $0 == "-" || $0 == "." ? "_" : $0 }.map(String.init).joined()
    }
}

/// A usage mistake: the message is for a human; exit status 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

/// A (sub)command: its name, one-line summary, and options.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    public var usage: String
    public var options: [OptionSpec]
    /// Free text after the options in `--help`.
    public var details: String
    /// Accept `prefix.*` keys (e.g. `kafka.` for librdkafka properties) from config and `--set key=value`.
    public var passThroughPrefixes: [String]

    public init(name: String, summary: String, usage: String, options: [OptionSpec], details: String = "", passThroughPrefixes: [String] = []) {
        self.name = name; self.summary = summary; self.usage = usage; self.options = options
        self.details = details; self.passThroughPrefixes = passThroughPrefixes
    }

    public var helpText: String {
        var s = "\(summary)\n\nUsage: \(usage)\n"
        if !options.isEmpty {
            s += "\nOptions:\n"
            let rows = options.map { o -> (String, String) in
                let left = "  --\(o.name)" + (o.valueName.map { " \($0)" } ?? "")
                var right = o.help
                if let d = o.defaultValue, !o.isFlag { right += " (default: \(d))" }
                if !o.commandLineOnly { right += " [\(o.environmentName)]" }
                return (left, right)
            } + [("  -h, --help", "Show this help")]
            let w = min(34, rows.map(\.0.count).max() ?? 0)
            for (l, r) in rows {
                if l.count > w { s += l + "\n" + String(repeating: " ", count: w + 2) + r + "\n" }
                else { s += l + String(repeating: " ", count: w - l.count + 2) + r + "\n" }
            }
        }
        if !details.isEmpty { s += "\n" + details + "\n" }
        return s
    }

    /// Parses `args` (after the command name). Precedence: command line, environment, config file, default.
    public func parse(_ args: [String], environment: [String: String] = ProcessEnvironment.current) throws(UsageError) -> ParsedOptions {
        var cli: [String: String] = [:]
        var positional: [String] = []
        var extra: [String: String] = [:]
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "-h" || a == "--help" { return ParsedOptions(values: [:], positional: [], extra: [:], helpRequested: true) }
            if a == "--" { positional.append(contentsOf: args[(i + 1)...]); break }
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2))
                var inline: String? = nil
                if let eq = name.firstIndex(of: "=") { inline = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
                if name == "set" {
                    guard let kv = inline ?? (i + 1 < args.count ? args[i + 1] : nil), let eq = kv.firstIndex(of: "=") else {
                        throw UsageError("--set needs KEY=VALUE")
                    }
                    if inline == nil { i += 1 }
                    let k = String(kv[..<eq])
                    guard passThroughPrefixes.contains(where: { k.hasPrefix($0) }) else {
                        throw UsageError("--set accepts keys starting with \(passThroughPrefixes.joined(separator: ", ")); got \(k)")
                    }
                    extra[k] = String(kv[kv.index(after: eq)...])
                    i += 1
                    continue
                }
                guard let spec = options.first(where: { $0.name == name }) else {
                    throw UsageError("unknown option --\(name) for '\(self.name)' (see --help)")
                }
                if spec.isFlag {
                    cli[name] = inline ?? "true"
                } else if let v = inline {
                    cli[name] = v
                } else {
                    guard i + 1 < args.count else { throw UsageError("--\(name) needs a value \(spec.valueName!)") }
                    cli[name] = args[i + 1]
                    i += 1
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
        var values: [String: String] = [:]
        // Config file: named on the command line or by CORRIDOR_CONFIG.
        if let path = cli["config"] ?? environment["CORRIDOR_CONFIG"], options.contains(where: { $0.name == "config" }) {
            let file = try ConfigFile.load(path: path)
            for (k, v) in file.values {
                if let spec = options.first(where: { $0.name == k }), !spec.commandLineOnly {
                    values[k] = v
                } else if passThroughPrefixes.contains(where: { k.hasPrefix($0) }) {
                    extra[k] = extra[k] ?? v
                } else {
                    throw UsageError("\(path): unknown setting '\(k)'")
                }
            }
        }
        for o in options where !o.commandLineOnly {
            if let v = environment[o.environmentName] { values[o.name] = v }
        }
        for (k, v) in cli { values[k] = v }
        for o in options where values[o.name] == nil {
            if let d = o.defaultValue { values[o.name] = d }
        }
        return ParsedOptions(values: values, positional: positional, extra: extra, helpRequested: false)
    }
}

/// What `CommandSpec.parse` found.
public struct ParsedOptions: Sendable {
    public var values: [String: String]
    public var positional: [String]
    /// Pass-through settings such as `kafka.security.protocol`.
    public var extra: [String: String]
    public var helpRequested: Bool

    public func string(_ name: String) -> String? { values[name] }

    public func require(_ name: String) throws(UsageError) -> String {
        guard let v = values[name], !v.isEmpty else { throw UsageError("--\(name) is required") }
        return v
    }

    public func int(_ name: String) throws(UsageError) -> Int? {
        guard let s = values[name] else { return nil }
        guard let v = Int(s) else { throw UsageError("--\(name) must be an integer, not '\(s)'") }
        return v
    }

    public func bool(_ name: String) throws(UsageError) -> Bool {
        guard let s = values[name] else { return false }
        switch s.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw UsageError("--\(name) must be true or false, not '\(s)'")
        }
    }

    /// Sizes like `512MiB`, `64k`, `1G`, or plain bytes.
    public func bytes(_ name: String) throws(UsageError) -> Int64? {
        guard let s = values[name] else { return nil }
        guard let v = ByteSize.parse(s) else { throw UsageError("--\(name) must be a size such as 512MiB, not '\(s)'") }
        return v
    }

    /// Durations like `30s`, `5m`, `2h`, `7d`, or plain seconds.
    public func seconds(_ name: String) throws(UsageError) -> Double? {
        guard let s = values[name] else { return nil }
        guard let v = DurationText.parseSeconds(s) else { throw UsageError("--\(name) must be a duration such as 30s, 5m, 7d, not '\(s)'") }
        return v
    }

    /// `HOST:PORT`.
    public func hostPort(_ name: String) throws(UsageError) -> (host: String, port: UInt16)? {
        guard let s = values[name] else { return nil }
        guard let colon = s.lastIndex(of: ":"), let p = UInt16(s[s.index(after: colon)...]) else {
            throw UsageError("--\(name) must be HOST:PORT, not '\(s)'")
        }
        var host = String(s[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, p)
    }
}

public enum ByteSize {
    public static func parse(_ s: String) -> Int64? {
        let t = s.trimmingSpaces.lowercased()
        let units: [(String, Int64)] = [("gib", 1 << 30), ("mib", 1 << 20), ("kib", 1 << 10), ("gb", 1_000_000_000), ("mb", 1_000_000),
                                        ("kb", 1000), ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1)]
        for (u, m) in units where t.hasSuffix(u) {
            guard let v = Double(t.dropLast(u.count).trimmingSpaces), v >= 0 else { return nil }
            return Int64(v * Double(m))
        }
        return Int64(t).flatMap { $0 >= 0 ? $0 : nil }
    }
}

public enum DurationText {
    public static func parseSeconds(_ s: String) -> Double? {
        let t = s.trimmingSpaces.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (u, m) in units where t.hasSuffix(u) {
            guard let v = Double(t.dropLast(u.count)), v >= 0 else { return nil }
            return v * m
        }
        return Double(t).flatMap { $0 >= 0 ? $0 : nil }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// The process environment as a dictionary.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let e = p.pointee {
            let s = String(cString: e)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
