import CorridorModel
import Options

/// `corridor-edge capture review|transaction`: writes straight to the outbox (scripts, attendants).
enum CaptureCommand {
    static let common: [OptionSpec] = [
        OptionSpec("config", "FILE", "Config file (for data_dir and station_id)", commandLineOnly: true),
        OptionSpec("data-dir", "DIR", "The agent's data directory"),
        OptionSpec("station-id", "ID", "Station id (default: the one the agent last ran with)"),
        OptionSpec("budget", "SIZE", "Outbox disk budget", default: "512MiB"),
        OptionSpec("service", "POLE", "fuel, shop, wash or gas", commandLineOnly: true),
        OptionSpec("captured-at", "TIME", "RFC 3339 time (default: now)", commandLineOnly: true),
        OptionSpec("attrs", "JSON", "Extra attributes as a JSON object", commandLineOnly: true),
    ]

    static let review = CommandSpec(
        name: "capture review", summary: "Store one review in the outbox (answered once it is durable).",
        usage: "corridor-edge capture review --data-dir DIR --service fuel [--rating 1-5] [--text TEXT] [--channel attendant]",
        options: common + [
            OptionSpec("rating", "1-5", "Star rating", commandLineOnly: true),
            OptionSpec("text", "TEXT", "The customer's words (≤ 2,000 characters)", commandLineOnly: true),
            OptionSpec("channel", "CHANNEL", "kiosk, pos, attendant, sms, api", default: "attendant", commandLineOnly: true),
        ])

    static let transaction = CommandSpec(
        name: "capture transaction", summary: "Store one POS transaction in the outbox.",
        usage: "corridor-edge capture transaction --data-dir DIR --service fuel --amount-xof N [--product P] [--quantity Q] [--wait-seconds S] [--payment cash]",
        options: common + [
            OptionSpec("amount-xof", "N", "Amount in francs CFA", commandLineOnly: true),
            OptionSpec("product", "NAME", "Product, e.g. gasoil, super, butane-12kg", commandLineOnly: true),
            OptionSpec("quantity", "Q", "Litres, bottles, items", commandLineOnly: true),
            OptionSpec("wait-seconds", "S", "How long the customer waited", commandLineOnly: true),
            OptionSpec("payment", "METHOD", "cash, mobile_money, card, fleet_card", commandLineOnly: true),
        ])

    static func run(_ args: [String]) throws -> Int32 {
        guard let what = args.first, what == "review" || what == "transaction" else {
            if args.first == "--help" || args.first == "-h" {
                Console.out("Usage: corridor-edge capture review|transaction [OPTIONS]\n\n" + review.helpText + "\n" + transaction.helpText)
                return 0
            }
            throw UsageError("say what to capture: 'capture review' or 'capture transaction' (see --help)")
        }
        let spec = what == "review" ? review : transaction
        let o = try spec.parse(Array(args.dropFirst()))
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        guard o.positional.isEmpty else { throw UsageError("unexpected argument '\(o.positional[0])'") }
        let dir = try o.require("data-dir")
        let outbox = try Outbox(directory: dir, budgetBytes: try o.bytes("budget")!, logger: Logger(label: "corridor-edge capture"))
        defer { outbox.close() }
        guard let station = o.string("station-id") ?? outbox.meta("station_id") else {
            throw UsageError("--station-id is required (no agent has run with this data directory yet)")
        }
        do { try Event.checkStationID(station) } catch { throw UsageError("--station-id: \(error.message)") }
        if outbox.meta("station_id") == nil { try outbox.setMeta("station_id", station) }

        var body = JSONObject()
        body["service"] = o.string("service").map { .string($0) }
        body["captured_at"] = o.string("captured-at").map { .string($0) }
        if let a = o.string("attrs") {
            guard let v = try? JSONParser.parse(a), v.objectValue != nil else { throw UsageError("--attrs must be a JSON object") }
            body["attrs"] = v
        }
        func number(_ name: String) throws(UsageError) -> JSONValue? {
            guard let s = o.string(name) else { return nil }
            if let i = Int64(s) { return .int(i) }
            if let d = Double(s) { return .double(d) }
            throw UsageError("--\(name) must be a number, not '\(s)'")
        }
        let kind: EventKind
        if what == "review" {
            kind = .review
            body["rating"] = try number("rating")
            body["text"] = o.string("text").map { .string($0) }
            body["channel"] = o.string("channel").map { .string($0) }
        } else {
            kind = .transaction
            body["amount_xof"] = try number("amount-xof")
            body["product"] = o.string("product").map { .string($0) }
            body["quantity"] = try number("quantity")
            body["wait_seconds"] = try number("wait-seconds")
            body["payment"] = o.string("payment").map { .string($0) }
        }
        let service = CaptureService(stationID: station, outbox: outbox, scorer: SentimentWiring.scorer)
        switch service.capture(kind: kind, json: .object(body)) {
        case .success(let id):
            Console.out(JSONWriter.string(["id": .string(id)]))
            return 0
        case .failure(let f):
            Console.err("corridor-edge capture: " + (f.field.map { "--\($0.replacingUnderscores()): " } ?? "") + f.message)
            return f.status == 400 ? 2 : 1
        }
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
