import CorridorModel
import Options

/// `corridor-edge`: the station agent's command line.
public enum EdgeCLI {
    public static let version = "0.1.0"

    static let tool = CommandLineTool(program: "corridor-edge", summary: "the Corridor station agent", version: version, commands: [
        .init("run", "Run the agent: capture API, kiosk page, outbox, forwarder") { try RunCommand.run($0) },
        .init("capture", "Store one review or transaction straight into the outbox") { try CaptureCommand.run($0) },
        .init("status", "Print the outbox state as one JSON object") { try StatusCommand.run($0) },
        .init("sentiment", "Score texts (stdin, one per line), or evaluate on a labelled TSV") { SentimentCommand.run($0) },
        .init("bench", "Measure capture throughput and memory (bench ingest), or forwarding (bench forward)") { BenchLauncher.run($0) },
    ])

    /// Runs the command in `args` (argv without the program name) and returns the exit status.
    public static func main(_ args: [String]) -> Int32 { tool.main(args) }
}
