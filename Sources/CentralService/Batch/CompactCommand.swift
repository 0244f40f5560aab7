import CorridorModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `corridor-central compact`: turns closed raw lake partitions into Parquet.
public enum CompactCommand {
    public static let usage = """
        usage: corridor-central compact --lake-dir DIR [--now] [--grace-hours N] [--row-group-size N]

        Turns closed raw partitions LAKE/raw/date=YYYY-MM-DD/*.jsonl into
        LAKE/parquet/kind=review|transaction|heartbeat/date=YYYY-MM-DD/part-NNNN.parquet
        (zstd, dictionary-encoded low-cardinality columns, min/max statistics), deduplicated by id.
        Safe to re-run and to kill at any moment: the next run finishes or undoes the last one.

          --lake-dir DIR        the lake's root directory (holds raw/ and parquet/)
          --now                 compact every date, including today's (otherwise a date is closed
                                when its UTC day plus the grace period is over)
          --grace-hours N       hours after midnight UTC before a day counts as closed (default 6)
          --row-group-size N    rows per Parquet row group (default 131072)
          -h, --help            this help

        Exit status: 0 done, 1 failed, 2 bad arguments.
        """

    /// Runs the command; `args` excludes the program name and the `compact` word.
    public static func run(_ args: [String]) -> Int32 {
        var lakeDir: String?
        var closeAll = false
        var grace = 6
        var rowGroup = 128 * 1024
        var i = 0
        func value(_ flag: String) -> String? {
            i += 1
            guard i < args.count else { fail("\(flag) needs a value"); return nil }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "-h", "--help": print(usage); return 0
            case "--lake-dir": guard let v = value(a) else { return 2 }; lakeDir = v
            case "--now": closeAll = true
            case "--grace-hours":
                guard let v = value(a) else { return 2 }
                guard let n = Int(v), n >= 0, n <= 24 * 365 else { fail("--grace-hours must be a whole number of hours ≥ 0"); return 2 }
                grace = n
            case "--row-group-size":
                guard let v = value(a) else { return 2 }
                guard let n = Int(v), n >= 1, n <= 100_000_000 else { fail("--row-group-size must be from 1 to 100000000"); return 2 }
                rowGroup = n
            default:
                fail("unknown argument \(a)")
                return 2
            }
            i += 1
        }
        guard let lakeDir else { fail("--lake-dir is required"); return 2 }
        let compactor = Compactor(lakeDir: lakeDir, now: .now(), graceHours: grace, rowGroupSize: rowGroup, closeAll: closeAll)
        do {
            let summary = try compactor.run { line in print(line); fflush(nil) }
            print(summary.description)
            return 0
        } catch {
            writeError("corridor-central compact: \(error)\n")
            return 1
        }
    }

    private static func writeError(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    private static func fail(_ message: String) {
        writeError("corridor-central compact: \(message)\n\(usage)\n")
    }
}
