import CorridorModel

/// What the lake holds for one compacted date: the raw inputs read (with sizes) and the Parquet
/// files made from them. Stored at `parquet/_manifests/date=YYYY-MM-DD.json`.
struct CompactionManifest: Equatable {
    struct Input: Equatable {
        var file: String
        /// The file's size when it was read.
        var size: Int64
        /// Bytes turned into rows (up to the last complete line).
        var consumed: Int64
    }

    struct Output: Equatable {
        var kind: EventKind
        /// Relative to `parquet/`: `kind=review/date=…/part-0000.parquet`.
        var path: String
        var rows: Int
        var bytes: Int64
    }

    var date: String
    var inputs: [Input]
    var outputs: [Output]

    var json: JSONValue {
        .object(JSONObject([
            ("version", .int(1)),
            ("date", .string(date)),
            ("inputs", .array(inputs.map { i in
                .object(JSONObject([("file", .string(i.file)), ("size", .int(i.size)), ("consumed", .int(i.consumed))]))
            })),
            ("outputs", .array(outputs.map { o in
                .object(JSONObject([("kind", .string(o.kind.rawValue)), ("path", .string(o.path)),
                                    ("rows", .int(Int64(o.rows))), ("bytes", .int(o.bytes))]))
            })),
        ]))
    }

    init(date: String, inputs: [Input], outputs: [Output]) {
        self.date = date; self.inputs = inputs; self.outputs = outputs
    }

    init?(json v: JSONValue) {
        guard let date = v["date"]?.stringValue, let ins = v["inputs"]?.arrayValue, let outs = v["outputs"]?.arrayValue else { return nil }
        self.date = date
        var inputs: [Input] = []
        for i in ins {
            guard let f = i["file"]?.stringValue, let s = i["size"]?.intValue, let c = i["consumed"]?.intValue else { return nil }
            inputs.append(Input(file: f, size: s, consumed: c))
        }
        var outputs: [Output] = []
        for o in outs {
            guard let k = o["kind"]?.stringValue.flatMap(EventKind.init(rawValue:)), let p = o["path"]?.stringValue,
                  let r = o["rows"]?.intValue, let b = o["bytes"]?.intValue else { return nil }
            outputs.append(Output(kind: k, path: p, rows: Int(r), bytes: b))
        }
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// The intent of a commit in progress, written before any Parquet file gets its final name.
///
/// Every file it adds was fully written and fsynced under its temp name first, so the next run
/// can always finish the commit (rename what is left, remove what is listed, write the manifest).
struct CompactionJournal {
    struct Move { var from: String; var to: String }
    var manifest: CompactionManifest
    var moves: [Move]
    var removals: [String]

    var json: JSONValue {
        .object(JSONObject([
            ("manifest", manifest.json),
            ("moves", .array(moves.map { .object(JSONObject([("from", .string($0.from)), ("to", .string($0.to))])) })),
            ("removals", .array(removals.map { .string($0) })),
        ]))
    }

    init(manifest: CompactionManifest, moves: [Move], removals: [String]) {
        self.manifest = manifest; self.moves = moves; self.removals = removals
    }

    init?(json v: JSONValue) {
        guard let m = v["manifest"].flatMap(CompactionManifest.init(json:)),
              let mv = v["moves"]?.arrayValue, let rm = v["removals"]?.arrayValue else { return nil }
        manifest = m
        var moves: [Move] = []
        for x in mv {
            guard let f = x["from"]?.stringValue, let t = x["to"]?.stringValue else { return nil }
            moves.append(Move(from: f, to: t))
        }
        self.moves = moves
        removals = rm.compactMap(\.stringValue)
    }
}
