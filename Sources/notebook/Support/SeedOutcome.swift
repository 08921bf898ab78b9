import Foundation
import Learn

/// What one seed's training gave on the test rows.
struct SeedOutcome {
    let seed: UInt64
    let history: History
    let loss: Float, accuracy: Float, uar: Double

    var secondsPerEpoch: Double { history.seconds.sorted()[history.seconds.count / 2] }

    /// A row of the `--seeds` table, under its header for the first; the seed column is
    /// `seedWidth` digits wide (at least the header's).
    static func row(_ outcome: SeedOutcome, first: Bool, seedWidth: Int) -> String {
        let column = max(seedWidth, 4) + 1
        let header = "seed".padding(toLength: column, withPad: " ", startingAt: 0) + "  epochs  last loss  test loss  accuracy  UAR     s/epoch\n"
        let seed = String(outcome.seed)
        return (first ? header : "") + seed + String(repeating: " ", count: column - seed.count)
            + String(format: "  %6d  %9.4f  %9.4f  %8.4f  %.4f  %7.3f", outcome.history.loss.count,
                     outcome.history.loss.last ?? .nan, outcome.loss, outcome.accuracy, outcome.uar, outcome.secondsPerEpoch)
    }

    /// Mean and range of the test figures over the seeds.
    static func summary(_ outcomes: [SeedOutcome]) -> String {
        func spread(_ name: String, _ value: (SeedOutcome) -> Double) -> String {
            let values = outcomes.map(value)
            let mean = values.reduce(0, +) / Double(values.count)
            return String(format: "%@ %.4f (%.4f-%.4f)", name as NSString, mean, values.min() ?? .nan, values.max() ?? .nan)
        }
        return "mean (range) over \(outcomes.count) seed\(outcomes.count == 1 ? "" : "s"): "
            + spread("accuracy") { Double($0.accuracy) } + ",\n  "  // two lines within 80 columns
            + [spread("UAR", \.uar), spread("test loss") { Double($0.loss) }].joined(separator: ", ")
    }
}
