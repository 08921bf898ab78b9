/// An n-dimensional array as a NumPy `.npy` file holds it: a shape, C (row-major) order,
/// and one of the element types the project exchanges with Python. (Files of other
/// integer and boolean types read as int64, and Fortran-order files in C order; see
/// `NPYElementFormat`.)
public struct NPYArray: Equatable, Sendable {
    /// The element types this project holds and writes, by NumPy `descr`.
    public enum DType: String, Sendable, CaseIterable {
        case float32 = "<f4"
        case float64 = "<f8"
        case int64 = "<i8"

        public var byteCount: Int { self == .float32 ? 4 : 8 }
    }

    /// The values, flat in C order.
    public enum Storage: Equatable, Sendable {
        case float32([Float])
        case float64([Double])
        case int64([Int64])
    }

    public let shape: [Int]
    public let storage: Storage

    /// Creates an array; the element count must equal the product of `shape`.
    public init(shape: [Int], storage: Storage) throws {
        guard let expected = Self.elementCount(shape), expected == storage.count else {
            throw NumPyError.shapeMismatch(shape: shape, count: storage.count)
        }
        self.shape = shape
        self.storage = storage
    }

    /// The number of elements of `shape`, or nil when a dimension is negative or the
    /// product does not fit in an Int (a corrupt or hostile header).
    public static func elementCount(_ shape: [Int]) -> Int? {
        guard shape.allSatisfy({ $0 >= 0 }) else { return nil }
        if shape.contains(0) { return 0 }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    public init(float64 values: [Double], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], storage: .float64(values))
    }

    public init(float32 values: [Float], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], storage: .float32(values))
    }

    public init(int64 values: [Int64], shape: [Int]? = nil) throws {
        try self.init(shape: shape ?? [values.count], storage: .int64(values))
    }

    public var dtype: DType {
        switch storage {
        case .float32: return .float32
        case .float64: return .float64
        case .int64: return .int64
        }
    }

    public var count: Int { storage.count }

    /// The values as Double (exact for float32 and for int64 up to 2^53).
    public var doubles: [Double] {
        switch storage {
        case .float32(let v): return v.map(Double.init)
        case .float64(let v): return v
        case .int64(let v): return v.map(Double.init)
        }
    }

    /// The values as Float (float64 and int64 are rounded to nearest).
    public var floats: [Float] {
        switch storage {
        case .float32(let v): return v
        case .float64(let v): return v.map(Float.init)
        case .int64(let v): return v.map(Float.init)
        }
    }

    /// The values as integers; fails, naming the first, for floating-point arrays whose
    /// values are not whole numbers in int64's range.
    public func integers() throws -> [Int64] {
        switch storage {
        case .int64(let v): return v
        case .float32, .float64:
            let d = doubles
            if let index = d.firstIndex(where: { !($0.rounded() == $0 && abs($0) < 9.2e18) }) {
                throw NumPyError.notIntegral(index: index, value: d[index])
            }
            return d.map { Int64($0) }
        }
    }

    /// Row `i` of a 2-D array as Doubles. Only that row is converted, so reading every
    /// row takes time in proportion to the array, not to its square.
    public func row(_ i: Int) -> [Double] {
        precondition(shape.count == 2 && i >= 0 && i < shape[0], "row \(i) of an array shaped \(shape)")
        let n = shape[1]
        let range = (i * n)..<((i + 1) * n)
        switch storage {
        case .float32(let v): return v[range].map(Double.init)
        case .float64(let v): return Array(v[range])
        case .int64(let v): return v[range].map(Double.init)
        }
    }
}

extension NPYArray.Storage {
    public var count: Int {
        switch self {
        case .float32(let v): return v.count
        case .float64(let v): return v.count
        case .int64(let v): return v.count
        }
    }
}
