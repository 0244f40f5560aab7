import CorridorModel
import Options

/// `corridor-edge status`: the outbox state as one JSON object (works beside a running agent).
enum StatusCommand {
    static let spec = CommandSpec(
        name: "status", summary: "Print the outbox state as one JSON object: pending, sent, oldest_pending_age_seconds, bytes, budget_bytes.",
        usage: "corridor-edge status --data-dir DIR",
        options: [
            OptionSpec("config", "FILE", "Config file (for data_dir)", commandLineOnly: true),
            OptionSpec("data-dir", "DIR", "The agent's data directory"),
        ])

    static func run(_ args: [String]) throws -> Int32 {
        let o = try spec.parse(args)
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let dir = try o.require("data-dir")
        let s: OutboxStatus
        do { s = try Outbox.status(directory: dir) } catch {
            Console.err("corridor-edge status: \(error)")
            return 1
        }
        var obj = OutboxStatusJSON.object(s)
        for (k, v) in ForwarderStatusFile.read(dataDir: dir) { obj[k] = v }
        Console.out(JSONWriter.string(.object(obj)))
        return 0
    }
}

/// The forwarder's link state, written beside the outbox so `status` can show it without the daemon.
public enum ForwarderStatusFile {
    public static let fileName = "forwarder-status.json"

    public static func read(dataDir: String) -> JSONObject {
        let path = dataDir + "/" + fileName
        guard let bytes = FileBytes.read(path), let v = try? JSONParser.parse(bytes), let o = v.objectValue else { return JSONObject() }
        return o
    }
}
