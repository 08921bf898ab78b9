/// The tutorial's four models, exactly as its notebooks build them in Keras.
public enum Models {
    /// The model names the command line accepts.
    public static let names = ["sd_fc", "sd_lstm", "si_lstm", "si_cnn"]

    /// sd_fc: BatchNormalization, Dense(256, relu) ×3, Dropout(0.4), Dense(classes, softmax)
    /// on (None, inputs). 233,742 parameters for 386 inputs and 6 classes (772 non-trainable).
    public static func sdFC(inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        try Sequential(inputShape: [inputs], layers: [
            BatchNormalization(),
            Dense(256, activation: .relu), Dense(256, activation: .relu), Dense(256, activation: .relu),
            Dropout(0.4),
            Dense(classes, activation: .softmax),
        ], seed: seed)
    }

    /// sd_lstm and si_lstm: BatchNormalization, LSTM(256, return_sequences) ×3, Flatten,
    /// Dropout(0.4), Dense(classes, softmax) on (None, 1, inputs). 1,712,142 parameters.
    public static func lstm(inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        try Sequential(inputShape: [1, inputs], layers: [
            BatchNormalization(),
            LSTM(256, returnSequences: true), LSTM(256, returnSequences: true), LSTM(256, returnSequences: true),
            Flatten(),
            Dropout(0.4),
            Dense(classes, activation: .softmax),
        ], seed: seed)
    }

    public static func sdLSTM(inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        try lstm(inputs: inputs, classes: classes, seed: seed)
    }

    public static func siLSTM(inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        try lstm(inputs: inputs, classes: classes, seed: seed)
    }

    /// si_cnn: BatchNormalization, Conv1D(256, 128, same), ReLU, MaxPooling1D(2), Flatten,
    /// Dropout(0.4), Dense(classes, softmax) on (None, inputs, 1). 329,482 parameters.
    public static func siCNN(inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        try Sequential(inputShape: [inputs, 1], layers: [
            BatchNormalization(),
            Conv1D(filters: 256, kernelSize: 128, padding: .same),
            ReLU(),
            MaxPooling1D(2),
            Flatten(),
            Dropout(0.4),
            Dense(classes, activation: .softmax),
        ], seed: seed)
    }

    /// The model called `name` (one of `names`).
    public static func named(_ name: String, inputs: Int = 386, classes: Int = 6, seed: UInt64 = 0) throws -> Sequential {
        switch name {
        case "sd_fc": return try sdFC(inputs: inputs, classes: classes, seed: seed)
        case "sd_lstm": return try sdLSTM(inputs: inputs, classes: classes, seed: seed)
        case "si_lstm": return try siLSTM(inputs: inputs, classes: classes, seed: seed)
        case "si_cnn": return try siCNN(inputs: inputs, classes: classes, seed: seed)
        default:
            throw LearnError.invalidArgument("unknown model '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
    }

    /// Shapes (samples, features) data for a model's input: (N, 1, F) for the LSTMs,
    /// (N, F, 1) for the CNN, unchanged for sd_fc.
    public static func shape(_ x: Tensor, for model: Sequential) throws -> Tensor {
        try x.reshaped([x.count] + model.inputShape)
    }
}
