/// An n-dimensional array of Floats in contiguous row-major (C) order, with its shape.
/// The first axis is the batch (samples) axis wherever a model takes or returns one.
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    public var scalars: [Float]

    /// A tensor of the given shape; `scalars.count` must equal the product of `shape`.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            throw LearnError.invalidData("shape \(shape) does not hold \(scalars.count) values")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of zeros. The dimensions must not be negative.
    public init(zeros shape: [Int]) {
        // fatalError, not precondition: a release build drops precondition's message.
        if shape.contains(where: { $0 < 0 }) { fatalError("Tensor(zeros:): shape \(shape) has a negative dimension") }
        self.shape = shape
        scalars = [Float](repeating: 0, count: shape.reduce(1, *))
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

    /// The samples at `indices`, in that order.
    public func samples(_ indices: [Int]) -> Tensor {
        let n = sampleSize
        var out = [Float](repeating: 0, count: indices.count * n)
        for (row, i) in indices.enumerated() {
            for j in 0..<n { out[row * n + j] = scalars[i * n + j] }
        }
        var s = shape
        s[0] = indices.count
        return (try? Tensor(shape: s, scalars: out)) ?? Tensor(zeros: s)
    }

    /// Sample `i` as a flat array.
    public func sample(_ i: Int) -> [Float] {
        let n = sampleSize
        return Array(scalars[(i * n)..<((i + 1) * n)])
    }
}
