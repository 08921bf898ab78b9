import NumPy

/// An n-dimensional array of Floats in contiguous row-major (C) order, with its shape.
/// The first axis is the batch (samples) axis wherever a model takes or returns one.
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    /// The values, row-major; read-only outside Learn, so they always fill `shape`.
    public internal(set) var scalars: [Float]

    /// A tensor of the given shape; `scalars.count` must equal the product of `shape`.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), NPYArray.elementCount(shape) == scalars.count else {
            throw LearnError.invalidData(NumPyError.shapeMismatch(shape: shape, count: scalars.count).description)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of zeros. The dimensions must not be negative.
    public init(zeros shape: [Int]) {
        // fatalError, not precondition: a release build drops precondition's message.
        if shape.contains(where: { $0 < 0 }) { fatalError("Tensor(zeros:): shape \(shape) has a negative dimension") }
        guard let count = NPYArray.elementCount(shape) else { fatalError("Tensor(zeros:): shape \(shape) holds too many values") }
        self.shape = shape
        scalars = [Float](repeating: 0, count: count)
    }


    /// Rows of equal length, as a 2-D tensor.
    public init(rows: [[Float]]) throws {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else {
            throw LearnError.invalidData("rows of unequal length")
        }
        try self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// The number of samples (the first axis).
    public var count: Int { shape.first ?? 0 }
    /// Values per sample.
    public var sampleSize: Int { shape.dropFirst().reduce(1, *) }

    /// The same values with another shape of equal size (e.g. (N, 386) → (N, 1, 386)).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// The samples at `indices`, in that order. Every index must be a sample of this
    /// tensor (a caller's mistake otherwise: it stops with a message naming the index).
    public func samples(_ indices: [Int]) -> Tensor {
        checkSampleIndices(indices)
        let n = sampleSize
        var out = [Float](repeating: 0, count: indices.count * n)
        for (row, i) in indices.enumerated() {
            for j in 0..<n { out[row * n + j] = scalars[i * n + j] }
        }
        var s = shape
        s[0] = indices.count
        return (try? Tensor(shape: s, scalars: out)) ?? Tensor(zeros: s)
    }

    /// Sample `i` as a flat array (`i` must be a sample of this tensor).
    public func sample(_ i: Int) -> [Float] {
        checkSampleIndices([i])
        let n = sampleSize
        return Array(scalars[(i * n)..<((i + 1) * n)])
    }

    /// Stops with a message (which a release build keeps, unlike `precondition`'s) when an
    /// index is not a sample, or the tensor has no sample axis.
    private func checkSampleIndices(_ indices: [Int]) {
        guard let count = shape.first else { fatalError("Tensor.samples: a 0-d tensor has no samples") }
        if let bad = indices.first(where: { !(0..<count).contains($0) }) {
            fatalError("Tensor.samples: index \(bad) is not a sample of this tensor (0..<\(count))")
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and, as numpy prints a large array, all values up to a dozen, else the
    /// first and last three: `print(x)` of a batch of features would fill the terminal.
    public var description: String {
        let items = scalars.count <= 12 ? scalars.map { "\($0)" } : scalars.prefix(3).map { "\($0)" } + ["..."] + scalars.suffix(3).map { "\($0)" }
        return "Tensor \(shape) [" + items.joined(separator: ", ") + "]"
    }
}
