import CorridorModel
import Options

/// `corridor-central`: the central service's command line.
public enum CentralCLI {
    public static let version = "0.1.0"

    static let commands: [(String, String)] = [
        ("run", "Run a replica: Kafka consumer group → raw lake + MongoDB, alerts, /healthz, /metrics"),
        ("compact", "Compact closed raw-lake days into Parquet"),
        ("rebuild", "Recompute the MongoDB indicator views from the lake"),
        ("bench", "Measure consume → lake + MongoDB throughput (bench consume)"),
        ("version", "Print the version"),
    ]

    static var usage: String {
        var s = "corridor-central \(version): the Corridor central service\n\nUsage: corridor-central COMMAND [OPTIONS]\n\nCommands:\n"
        for (c, d) in commands { s += "  " + c + String(repeating: " ", count: max(1, 10 - c.count)) + d + "\n" }
        s += "\nRun 'corridor-central COMMAND --help' for a command's options.\n"
        return s
    }

    /// Runs the command in `args` (argv without the program name) and returns the exit status.
    public static func main(_ args: [String]) -> Int32 {
        guard let cmd = args.first else { Console.err(usage); return 2 }
        let rest = Array(args.dropFirst())
        do {
            switch cmd {
            case "run": return try RunCommand.run(rest)
            case "compact": return CompactCommand.run(rest)
            case "rebuild": return try RebuildCommand.run(rest)
            case "bench": return try BenchCommand.run(rest)
            case "version", "--version": Console.out(version); return 0
            case "help", "-h", "--help": Console.out(usage); return 0
            default:
                Console.err("corridor-central: unknown command '\(cmd)'\n\n" + usage)
                return 2
            }
        } catch let e as UsageError {
            Console.err("corridor-central \(cmd): \(e.message)")
            return 2
        } catch {
            Console.err("corridor-central \(cmd): \(error)")
            return 1
        }
    }
}
