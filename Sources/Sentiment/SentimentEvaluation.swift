import CorridorModel

/// Scores a model's labels against gold labels: confusion matrix, accuracy, 3-class macro-F1 and
/// binary macro-F1.
///
/// Binary macro-F1 is the mean F1 of `satisfied` and `unsatisfied` over the rows whose gold label is
/// one of those two; a `neutral` prediction on such a row counts as wrong (a miss for its class).
public struct SentimentEvaluation: Sendable, Equatable {
    /// The label order of the matrix rows (gold) and columns (predicted).
    public static let labels: [SentimentLabel] = [.unsatisfied, .neutral, .satisfied]

    /// `confusion[gold][predicted]`, indices in `labels` order.
    public private(set) var confusion: [[Int]] = Array(repeating: [0, 0, 0], count: 3)

    public init() {}

    /// Counts one row.
    public mutating func add(gold: SentimentLabel, predicted: SentimentLabel) {
        confusion[SentimentEvaluation.index(gold)][SentimentEvaluation.index(predicted)] += 1
    }

    /// Rows counted.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Share of rows predicted right; 0 with no rows.
    public var accuracy: Double {
        let n = count
        guard n > 0 else { return 0 }
        return Double((0..<3).reduce(0) { $0 + confusion[$1][$1] }) / Double(n)
    }

    /// F1 of one class over all rows (0 when the class is neither predicted nor present).
    public func f1(_ label: SentimentLabel) -> Double {
        let k = SentimentEvaluation.index(label)
        let tp = confusion[k][k]
        let predicted = (0..<3).reduce(0) { $0 + confusion[$1][k] }
        let actual = confusion[k].reduce(0, +)
        return SentimentEvaluation.f1(tp: tp, predicted: predicted, actual: actual)
    }

    /// Mean F1 of the three classes.
    public var macroF1: Double { SentimentEvaluation.labels.map(f1).reduce(0, +) / 3 }

    /// Mean F1 of `satisfied` and `unsatisfied` over the rows whose gold label is polar.
    public var binaryMacroF1: Double {
        let u = SentimentEvaluation.index(.unsatisfied), s = SentimentEvaluation.index(.satisfied)
        func classF1(_ k: Int, other: Int) -> Double {
            let tp = confusion[k][k]
            let predicted = tp + confusion[other][k]     // neutral-gold rows are left out
            let actual = confusion[k].reduce(0, +)       // a neutral prediction is a miss
            return SentimentEvaluation.f1(tp: tp, predicted: predicted, actual: actual)
        }
        return (classF1(u, other: s) + classF1(s, other: u)) / 2
    }

    /// A plain-text report: counts, the three metrics and the confusion matrix.
    public var report: String {
        func pct(_ x: Double) -> String {
            let v = (x * 1000).rounded() / 1000
            return String(v)
        }
        var lines = [
            "rows              \(count)",
            "accuracy          \(pct(accuracy))",
            "macro-F1 3-class  \(pct(macroF1))",
            "macro-F1 binary   \(pct(binaryMacroF1))",
            "",
            "gold \\ predicted  unsatisfied  neutral  satisfied",
        ]
        for (k, label) in SentimentEvaluation.labels.enumerated() {
            let row = confusion[k].map { String($0).leftPadded(to: 9) }.joined(separator: "  ")
            lines.append(label.rawValue.rightPadded(to: 16) + "  " + row)
        }
        return lines.joined(separator: "\n")
    }

    static func index(_ label: SentimentLabel) -> Int {
        switch label {
        case .unsatisfied: 0
        case .neutral: 1
        case .satisfied: 2
        }
    }

    static func f1(tp: Int, predicted: Int, actual: Int) -> Double {
        guard predicted + actual > 0 else { return 0 }
        return 2 * Double(tp) / Double(predicted + actual)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
    fileprivate func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
