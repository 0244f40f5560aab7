import CorridorModel
import Options

/// `corridor-central`: the central service's command line.
public enum CentralCLI {
    public static let version = "0.1.0"

    static let tool = CommandLineTool(program: "corridor-central", summary: "the Corridor central service", version: version, commands: [
        .init("run", "Run a replica: Kafka consumer group → raw lake + MongoDB, alerts, API, dashboard") { try RunCommand.run($0) },
        .init("compact", "Compact closed raw-lake days into Parquet") { CompactCommand.run($0) },
        .init("rebuild", "Recompute the MongoDB indicator views from the lake") { try RebuildCommand.run($0) },
        .init("bench", "Measure consume → lake + MongoDB throughput (bench consume)") { try BenchCommand.run($0) },
    ])

    /// Runs the command in `args` (argv without the program name) and returns the exit status.
    public static func main(_ args: [String]) -> Int32 { tool.main(args) }
}
