/// Classification metrics over predicted and true class indices.
public enum Metrics {
    /// The fraction of predictions equal to the labels (one prediction per label: other
    /// counts are a caller's mistake, which stops the program with a message naming both,
    /// as `confusionMatrix` does; `Sequential.evaluate` throws for such input instead).
    public static func accuracy(predicted: [Int], labels: [Int]) -> Double {
        if predicted.count != labels.count { fatalError("accuracy: \(predicted.count) predictions for \(labels.count) labels") }
        guard !labels.isEmpty else { return 0 }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// counts[true][predicted], `classes` × `classes` (rows: true class, as sklearn).
    /// Every prediction and label must be a class in `0..<classes`, one prediction per
    /// label: anything else is a caller's mistake that would skew every figure built on
    /// the matrix, so it stops the program rather than being left out (with `fatalError`,
    /// whose message a release build keeps, unlike `precondition`'s).
    public static func confusionMatrix(predicted: [Int], labels: [Int], classes: Int) -> [[Int]] {
        if predicted.count != labels.count {
            fatalError("confusionMatrix: \(predicted.count) predictions for \(labels.count) labels")
        }
        if classes < 0 { fatalError("confusionMatrix: \(classes) classes") }
        var m = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, t) in zip(predicted, labels) {
            if !(0..<classes).contains(p) || !(0..<classes).contains(t) {
                fatalError("confusionMatrix: prediction \(p) or label \(t) is not a class in 0..<\(classes)")
            }
            m[t][p] += 1
        }
        return m
    }

    /// Recall of each class: correct / samples of that class (nil for an absent class).
    public static func perClassRecall(predicted: [Int], labels: [Int], classes: Int) -> [Double?] {
        confusionMatrix(predicted: predicted, labels: labels, classes: classes).enumerated().map { i, row in
            let total = row.reduce(0, +)
            return total == 0 ? nil : Double(row[i]) / Double(total)
        }
    }

    /// Unweighted average recall: the mean of the per-class recalls of the classes present
    /// in `labels`. A class absent from the labels has no recall and is left out, even when
    /// it is predicted (those wrong predictions already lower their true classes' recalls):
    /// sklearn's `balanced_accuracy_score`, not `recall_score(average="macro")`, which
    /// would count such a class as a recall of 0. So over test recordings of some emotions
    /// only, the UAR is theirs alone. No labels at all give 0.
    public static func unweightedAverageRecall(predicted: [Int], labels: [Int], classes: Int) -> Double {
        let recalls = perClassRecall(predicted: predicted, labels: labels, classes: classes).compactMap { $0 }
        return recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
    }

    @inline(__always)
    static func argmax(_ p: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for j in 1..<max(count, 1) where p[j] > p[best] { best = j }
        return best
    }
}
