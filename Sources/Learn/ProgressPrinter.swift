/// Renders training events as Keras prints them:
///
///     Epoch 3/100
///     51/51 ━━━━━━━━━━━━━━━━━━━━ 0s 1ms/step - accuracy: 0.5432 - loss: 1.2345 - val_accuracy: ... - val_loss: ...
///
/// Output goes to a closure so a caller (a terminal, the lesson runner) can capture or
/// silence it. With `live`, the bar is redrawn after each batch with a carriage return
/// (for terminals); otherwise only the finished line of each epoch is written.
///
/// Each string carries its own line ends (and, when `live`, its carriage returns), so
/// write it as it is: `ProgressPrinter { print($0, terminator: "") }`. A plain
/// `print($0)` adds a blank line after every line, and a new line after every redraw.
public final class ProgressPrinter {
    private let write: (String) -> Void
    private let live: Bool
    private let barWidth = 20

    public init(live: Bool = false, write: @escaping (String) -> Void) {
        self.live = live
        self.write = write
    }

    /// The closure to hand to `FitOptions.progress`.
    public var handler: (TrainingEvent) -> Void { { [self] in self.handle($0) } }

    public func handle(_ event: TrainingEvent) {
        switch event {
        case .epochBegan(let epoch, let total):
            write("Epoch \(epoch + 1)/\(total)\n")
        case .batchEnded(_, let step, let steps, let loss, let accuracy, let elapsed):
            guard live else { return }
            write("\r" + line(step: step, of: steps, elapsed: elapsed, perStep: elapsed / Double(step),
                             metrics: [("accuracy", accuracy), ("loss", loss)]) + "\u{1B}[K")
        case .epochEnded(_, let steps, let logs, let seconds):
            var metrics = [("accuracy", logs.accuracy), ("loss", logs.loss)]
            if let a = logs.validationAccuracy, let l = logs.validationLoss {
                metrics += [("val_accuracy", a), ("val_loss", l)]
            }
            let text = line(step: steps, of: steps, elapsed: seconds, perStep: seconds / Double(max(steps, 1)), metrics: metrics)
            write((live ? "\r" : "") + text + (live ? "\u{1B}[K" : "") + "\n")
        case .earlyStopped(let epoch, let restored):
            write("Epoch \(epoch + 1): early stopping\n")
            if let r = restored { write("Restoring model weights from the end of the best epoch: \(r + 1).\n") }
        }
    }

    func line(step: Int, of steps: Int, elapsed: Double, perStep: Double, metrics: [(String, Float)]) -> String {
        let filled = steps <= 0 ? barWidth : min(max(barWidth * step / steps, 0), barWidth)
        let bar = String(repeating: "━", count: filled) + String(repeating: "─", count: barWidth - filled)
        let stepTime = ProgressPrinter.stepTime(perStep)
        let digits = String(steps).count
        let count = String(repeating: " ", count: max(0, digits - String(step).count)) + "\(step)/\(steps)"
        let values = metrics.map { "\($0.0): \(ProgressPrinter.fixed($0.1))" }.joined(separator: " - ")
        let seconds = elapsed.isFinite && elapsed >= 0 ? String(Int(min(elapsed, 1e9).rounded())) : "?"
        return "\(count) \(bar) \(seconds)s \(stepTime) - \(values)"
    }

    /// Time per step in Keras's units: whole seconds from 1 s (or for 0), milliseconds from
    /// 1 ms, microseconds below (a batch of sd_fc takes about half a millisecond).
    static func stepTime(_ perStep: Double) -> String {
        guard perStep.isFinite, perStep >= 0 else { return "?s/step" }  // e.g. step 0 of a batch event
        if perStep >= 1e9 { return "\(Int(1e9))+s/step" }
        if perStep >= 1 || perStep == 0 { return "\(Int(perStep.rounded()))s/step" }
        if perStep >= 1e-3 { return "\(Int((perStep * 1e3).rounded()))ms/step" }
        return "\(Int((perStep * 1e6).rounded()))us/step"
    }

    /// Four decimals, as Keras prints metrics.
    static func fixed(_ x: Float) -> String {
        guard x.isFinite else { return "\(x)" }
        // Beyond 1e14 the ten-thousandths no longer fit an Int (a diverging loss gets there).
        guard abs(x) < 1e14 else { return String(format: "%.4e", Double(x)) }
        let scaled = Int((Double(x) * 10000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let fraction = String(a % 10000)
        return sign + "\(a / 10000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
