import CorridorModel
import Options

/// `corridor-edge`: the station agent's command line.
public enum EdgeCLI {
    public static let version = "0.1.0"

    static let commands: [(String, String)] = [
        ("run", "Run the agent: capture API, kiosk page, outbox, forwarder"),
        ("capture", "Store one review or transaction straight into the outbox"),
        ("status", "Print the outbox state as one JSON object"),
        ("sentiment", "Score texts (stdin, one per line), or evaluate on a labelled TSV"),
        ("bench", "Measure capture throughput and memory (bench ingest)"),
        ("version", "Print the version"),
    ]

    static var usage: String {
        var s = "corridor-edge \(version): the Corridor station agent\n\nUsage: corridor-edge COMMAND [OPTIONS]\n\nCommands:\n"
        for (c, d) in commands { s += "  " + c.padding(12) + d + "\n" }
        s += "\nRun 'corridor-edge COMMAND --help' for a command's options.\n"
        return s
    }

    /// Runs the command in `args` (argv without the program name) and returns the exit status.
    public static func main(_ args: [String]) -> Int32 {
        guard let cmd = args.first else { Console.err(usage); return 2 }
        let rest = Array(args.dropFirst())
        do {
            switch cmd {
            case "run": return try RunCommand.run(rest)
            case "capture": return try CaptureCommand.run(rest)
            case "status": return try StatusCommand.run(rest)
            case "sentiment": return SentimentCommand.run(rest)
            case "bench": return BenchLauncher.run(rest)
            case "version", "--version": Console.out(version); return 0
            case "help", "-h", "--help": Console.out(usage); return 0
            default:
                Console.err("corridor-edge: unknown command '\(cmd)'\n\n" + usage)
                return 2
            }
        } catch let e as UsageError {
            Console.err("corridor-edge \(cmd): \(e.message)")
            return 2
        } catch {
            Console.err("corridor-edge \(cmd): \(error)")
            return 1
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}
