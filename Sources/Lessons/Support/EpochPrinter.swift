import Foundation

/// Prints training progress the way all four lessons show it: the first epoch, every
/// tenth and the last, one line each ("epoch  10/100   loss 0.1234   accuracy 0.9567").
///
/// A lesson calls it from `fit`'s epoch events while it trains, and `replay`s the cached
/// curves when a warm run reads the weights back instead, so both runs print the same
/// lines and one `expected` block checks either.
public struct EpochPrinter: Sendable {
    public let epochs: Int

    public init(epochs: Int) { self.epochs = epochs }

    /// Whether epoch `epoch` (counted from 0) gets a line.
    public func reports(_ epoch: Int) -> Bool {
        epoch == 0 || (epoch + 1) % 10 == 0 || epoch + 1 == epochs
    }

    /// The line for `epoch` (counted from 0), whether or not it is one that gets printed.
    public func line(_ epoch: Int, loss: Float, accuracy: Float) -> String {
        String(format: "epoch %3d/%d   ", epoch + 1, epochs) + Self.figures(loss: loss, accuracy: accuracy)
    }

    /// An epoch's figures as its line gives them ("loss 0.1234   accuracy 0.9567").
    public static func figures(loss: Float, accuracy: Float) -> String {
        String(format: "loss %.4f   accuracy %.4f", loss, accuracy)
    }

    /// Prints `epoch`'s line if it is one that gets printed.
    public func callAsFunction(_ epoch: Int, loss: Float, accuracy: Float) {
        if reports(epoch) { print(line(epoch, loss: loss, accuracy: accuracy)) }
    }

    /// Prints the lines a fresh run printed while it trained `trained`.
    public func replay(_ trained: TrainedModel) {
        for epoch in 0..<trained.epochs { self(epoch, loss: trained.loss[epoch], accuracy: trained.accuracy[epoch]) }
    }
}
