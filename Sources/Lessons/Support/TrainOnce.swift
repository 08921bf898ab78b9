import Foundation
import Learn
import Notebook

extension StepContext {
    /// `model` trained once and kept in the cache under `name`, with its progress printed
    /// the same way on every run.
    ///
    /// The first run calls `fit`, handing it a `progress` closure for `FitOptions` that
    /// prints the first, every tenth and the last epoch (`EpochPrinter`) and counts every
    /// epoch on the terminal's progress line (`StepContext.progress`); the weights and
    /// curves then go to the cache. Later runs put the cached weights back into `model`
    /// instead and print the same lines from the cached curves, so one `expected` block
    /// checks either run. The entry is keyed like any `cached` value: this step's source,
    /// `inputs`, the parameters read so far.
    ///
    /// `speakerNormalized` is stored with the weights for `notebook predict`
    /// (`TrainedModel.speakerNormalized`).
    public func trainOnce(_ name: String, _ model: Sequential, inputs: [URL] = [], epochs: Int,
                          speakerNormalized: Bool = false,
                          fit: (_ progress: @escaping (TrainingEvent) -> Void) throws -> History) throws -> TrainedModel {
        let printer = EpochPrinter(epochs: epochs)
        var trainedNow = false
        let trained = try cached(name, inputs: inputs) { () -> TrainedModel in
            trainedNow = true
            // Every epoch, with its figures, on the terminal's progress line: between the
            // printed ones, and in `notebook run`, which shows the lines when the step ends.
            let epochsDone = self.progress(total: epochs, unit: "epochs")
            let history = try fit { event in
                if case .epochEnded(let epoch, _, let logs, _) = event {
                    printer(epoch, loss: logs.loss, accuracy: logs.accuracy)
                    epochsDone.advance(note: EpochPrinter.figures(loss: logs.loss, accuracy: logs.accuracy))
                }
            }
            return try TrainedModel(model, history: history, speakerNormalized: speakerNormalized)
        }
        if !trainedNow {
            try trained.restore(into: model)
            printer.replay(trained)
        }
        return trained
    }
}
