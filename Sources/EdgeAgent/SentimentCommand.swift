import Options
import CorridorModel
#if canImport(Glibc)
import Glibc
#endif
import Sentiment

/// `corridor-edge sentiment …`: score texts from stdin, evaluate on a labelled TSV, or time the model.
public enum SentimentCommand {
    static let usage = """
    usage: corridor-edge sentiment                  read one text per line on stdin, write one JSON object per line
           corridor-edge sentiment eval FILE.tsv [--errors N]
                                                    accuracy, macro-F1 (3-class, binary) and confusion matrix
                                                    for a TSV with a header and `label` and `text` columns
                                                    (optional `service`, `rating`)
           corridor-edge sentiment bench [FILE] [--seconds S]
                                                    time the model on one thread over FILE's texts
                                                    (a TSV with a `text` column, or one text per line)
    model: \(SentimentAnalyzer.model)
    """

    /// Runs the command; `args` are the arguments after `sentiment`. Returns the exit status
    /// (0 ok, 1 failure, 2 usage error).
    public static func run(_ args: [String]) -> Int32 {
        if args.contains("--help") || args.contains("-h") {
            print(usage)
            return 0
        }
        guard let sub = args.first else { return annotateStdin() }
        let rest = Array(args.dropFirst())
        switch sub {
        case "eval": return evaluate(rest)
        case "bench": return bench(rest)
        default: return usageError("unknown argument '\(sub)'")
        }
    }

    private static func usageError(_ message: String) -> Int32 {
        Console.err("corridor-edge sentiment: \(message)\n\n\(usage)")
        return 2
    }

    private static func failure(_ message: String) -> Int32 {
        Console.err("corridor-edge sentiment: \(message)")
        return 1
    }

    // MARK: stdin → JSON lines

    private static func annotateStdin() -> Int32 {
        let analyzer = SentimentAnalyzer()
        // Flush per line when a person types; batch the output when piped.
        let interactive = isatty(0) != 0
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        while let line = readLine(strippingNewline: true) {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            let a = analyzer.assess(text: text, rating: nil, service: nil)
            JSONWriter.write(a.json, into: &out)
            out.append(0x0A)
            if interactive || out.count >= 1 << 16 { flush(&out) }
        }
        flush(&out)
        return 0
    }

    private static func flush(_ out: inout [UInt8]) {
        guard !out.isEmpty else { return }
        out.withUnsafeBufferPointer { buf in
            var done = 0
            while done < buf.count {
                let n = write(1, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return }   // closed pipe: nothing to do
                done += n
            }
        }
        out.removeAll(keepingCapacity: true)
    }

    // MARK: eval

    private struct Row {
        var label: SentimentLabel?
        var text: String
        var service: ServicePole?
        var rating: Int?
    }

    private enum TSVError: Error { case message(String) }

    /// Reads a TSV with a header; needs a `text` column, and a `label` column when `needLabels`.
    /// Without a header naming `text`, every line is one text.
    private static func readRows(_ path: String, needLabels: Bool) throws(TSVError) -> [Row] {
        guard let data = FileBytes.read(path) else {
            throw .message("cannot read \(path)")
        }
        let content = String(decoding: data, as: UTF8.self)
        var lines = content.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw .message("\(path) is empty") }
        let columns = header.split(separator: "\t", omittingEmptySubsequences: false)
            .map { String($0.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased() }
        guard let textColumn = columns.firstIndex(of: "text") else {
            if needLabels { throw .message("\(path): the header must name a `label` and a `text` column") }
            return lines.map { Row(label: nil, text: String($0), service: nil, rating: nil) }
        }
        let labelColumn = columns.firstIndex(of: "label")
        if needLabels && labelColumn == nil { throw .message("\(path): the header has no `label` column") }
        let serviceColumn = columns.firstIndex(of: "service")
        let ratingColumn = columns.firstIndex(of: "rating")
        lines.removeFirst()
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        for (n, line) in lines.enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard textColumn < fields.count else {
                throw .message("\(path):\(n + 2): no `text` field")
            }
            var row = Row(label: nil, text: String(fields[textColumn]))
            if let labelColumn {
                let raw = labelColumn < fields.count ? String(fields[labelColumn]) : ""
                guard let label = SentimentLabel(rawValue: raw) else {
                    throw .message("\(path):\(n + 2): label '\(raw)' is not satisfied, neutral or unsatisfied")
                }
                row.label = label
            }
            if let serviceColumn, serviceColumn < fields.count {
                row.service = ServicePole(rawValue: String(fields[serviceColumn]))
            }
            if let ratingColumn, ratingColumn < fields.count { row.rating = Int(fields[ratingColumn]) }
            rows.append(row)
        }
        return rows
    }

    private static func evaluate(_ args: [String]) -> Int32 {
        var path: String?
        var showErrors = 0
        var i = 0
        while i < args.count {
            if args[i] == "--errors" {
                guard i + 1 < args.count, let n = Int(args[i + 1]), n >= 0 else {
                    return usageError("--errors needs a count")
                }
                showErrors = n
                i += 2
            } else if path == nil, !args[i].hasPrefix("-") {
                path = args[i]; i += 1
            } else {
                return usageError("unexpected argument '\(args[i])'")
            }
        }
        guard let path else { return usageError("eval needs a FILE.tsv") }
        let rows: [Row]
        do { rows = try readRows(path, needLabels: true) } catch { return failure(describe(error)) }
        let analyzer = SentimentAnalyzer()
        var evaluation = SentimentEvaluation()
        var errors: [String] = []
        for row in rows {
            guard let gold = row.label else { continue }
            let a = analyzer.assess(text: row.text, rating: row.rating, service: row.service)
            evaluation.add(gold: gold, predicted: a.label)
            if gold != a.label, errors.count < showErrors {
                errors.append("\(gold.rawValue) → \(a.label.rawValue) \(a.evidence): \(row.text)")
            }
        }
        print("file              \(path)")
        print("model             \(SentimentAnalyzer.model)")
        print(evaluation.report)
        if !errors.isEmpty {
            print("\nerrors (gold → predicted):")
            for e in errors { print("  " + e) }
        }
        return 0
    }

    private static func describe(_ e: TSVError) -> String {
        switch e { case .message(let m): return m }
    }

    // MARK: bench

    /// Short reviews used when bench is given no file.
    static let sampleReviews = [
        "Service rapide, pompiste très poli.", "File d'attente interminable, c'est inadmissible !",
        "Toilettes sales, pas de papier.", "a ka di kosɛbɛ", "a man di, an ye makɔnɔ waati jan",
        "Pas cher et personnel accueillant", "Great service, quick and friendly.",
        "Rupture de gasoil depuis hier 😡", "Lavage impeccable, merci !!!", "Le prix du litre a encore changé.",
    ]

    private static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func bench(_ args: [String]) -> Int32 {
        var path: String?
        var seconds = 2.0
        var i = 0
        while i < args.count {
            if args[i] == "--seconds" {
                guard i + 1 < args.count, let s = Double(args[i + 1]), s > 0 else {
                    return usageError("--seconds needs a positive number")
                }
                seconds = s
                i += 2
            } else if path == nil, !args[i].hasPrefix("-") {
                path = args[i]; i += 1
            } else {
                return usageError("unexpected argument '\(args[i])'")
            }
        }
        var texts = sampleReviews
        if let path {
            do { texts = try readRows(path, needLabels: false).map(\.text) } catch { return failure(describe(error)) }
            guard !texts.isEmpty else { return failure("\(path) has no texts") }
        }
        let analyzer = SentimentAnalyzer()
        _ = analyzer.assess(text: texts[0], rating: nil, service: nil)   // builds the lexicon
        var reviews = 0
        var sink = 0.0
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            for t in texts { sink += analyzer.assess(text: t, rating: nil, service: nil).score }
            reviews += texts.count
            elapsed = clock.now - start
        } while elapsed < .seconds(seconds)
        let cpu = threadCPUSeconds() - cpuStart
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(reviews) / secs
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        print("model             \(SentimentAnalyzer.model)")
        print("texts             \(texts.count) (mean \(bytes / texts.count) bytes)")
        print("reviews           \(reviews) in \(fixed2(secs)) s on one thread")
        print("reviews/s         \(Int(rate))")
        // On a shared machine the wall-clock rate includes time the thread was not scheduled;
        // the CPU-time rate is what one core does.
        print("reviews/s (cpu)   \(Int(Double(reviews) / max(cpu, 1e-9))) (\(fixed2(cpu)) s CPU)")
        print("µs/review         \(fixed2(1e6 / rate))")
        if sink.isNaN { print("") }                              // keeps the work observable
        return 0
    }
}

/// Two decimals without Foundation's `String(format:)`.
func fixed2(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    let whole = Int64(r)
    let frac = Int64((abs(r - Double(whole)) * 100).rounded())
    return "\(r < 0 && whole == 0 ? "-" : "")\(whole).\(frac < 10 ? "0" : "")\(frac)"
}
