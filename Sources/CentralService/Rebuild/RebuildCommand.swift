import CorridorModel
import Mongo
import Options

/// `corridor-central rebuild`: recompute the MongoDB indicator views from the lake.
enum RebuildCommand {
    static let spec = CommandSpec(
        name: "rebuild",
        summary: "Recompute the MongoDB indicator views (5m, 1h, 1d) from the immutable raw lake, with the same dedup and sentiment second pass as the consumers.",
        usage: "corridor-central rebuild --lake-dir DIR --mongo-uri URI [--database NAME] [--dry-run]",
        options: [
            OptionSpec("config", "FILE", "Config file (lake_dir, mongo_uri, database)", commandLineOnly: true),
            OptionSpec("lake-dir", "DIR", "The lake (reads DIR/raw/date=*/…jsonl)"),
            OptionSpec("mongo-uri", "URI", "MongoDB connection string"),
            OptionSpec("database", "NAME", "Database to rebuild", default: "corridor"),
            OptionSpec("dry-run", nil, "Compute and print the summary without writing", commandLineOnly: true),
        ],
        details: "Stop the consumers while rebuilding a live database (increments applied meanwhile would be lost),\nor rebuild into another --database and point the API at it.",
        passThroughPrefixes: ["kafka.", "alert."])

    static func run(_ args: [String]) throws -> Int32 {
        let o = try spec.parse(args)
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let lake = try o.require("lake-dir")
        let dryRun = try o.bool("dry-run")
        let rebuilder = Rebuilder(lakeDir: lake, rescorer: CentralWiring.rescorer)
        let (summary, deltas) = try rebuilder.compute { Console.err($0) }
        if !dryRun {
            let client = try MongoClient(uri: try o.require("mongo-uri"), appName: "corridor-central-rebuild")
            let store = CentralStore(client: client, database: o.string("database") ?? "corridor")
            try store.ensureIndexes()
            try rebuilder.replace(in: store, deltas: deltas) { Console.err($0) }
        }
        Console.out("rebuild: \(summary.files) raw files, \(summary.lines) lines, \(summary.events) events, "
            + "\(summary.duplicates) duplicates dropped, \(summary.badLines) bad lines, \(summary.rescored) re-scored, "
            + "\(summary.indicatorDocuments) indicator documents" + (dryRun ? " (dry run: nothing written)" : " written"))
        return 0
    }
}
