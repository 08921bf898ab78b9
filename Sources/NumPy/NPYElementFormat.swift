import Foundation

/// How one value of an `.npy` file is laid out, from its `descr` (`'<i4'`, `'>f8'`,
/// `'|u1'`, `'|b1'`, ...). Reading accepts more than the three types the project writes,
/// since users bring arrays NumPy saved its own way: labels as int32 (NumPy's default
/// integer on Windows before 2.0), uint8 or bool, data saved on a big-endian machine.
/// Integers and booleans widen to int64, float32 and float64 keep their precision.
struct NPYElementFormat {
    enum Kind: Character { case signed = "i", unsigned = "u", float = "f", boolean = "b" }

    let kind: Kind
    let byteCount: Int
    let bigEndian: Bool

    /// The `descr`s read; the error for any other lists these.
    static let readable = "integers ('i1' to 'i8', 'u1' to 'u8'), booleans ('b1'), 'f4' and 'f8', either byte order"

    /// nil for a `descr` this reader does not know (strings, complex, float16, records, ...).
    init?(descr: String) {
        let characters = Array(descr)
        guard characters.count >= 3, let order = characters.first, "<>|=".contains(order),
              let kind = Kind(rawValue: characters[1]), let size = Int(String(characters[2...])) else { return nil }
        switch kind {
        case .signed, .unsigned: guard [1, 2, 4, 8].contains(size) else { return nil }
        case .float: guard size == 4 || size == 8 else { return nil }
        case .boolean: guard size == 1 else { return nil }
        }
        // '|' (not applicable) is what NumPy writes for one-byte types; '=' is this
        // machine's order, little-endian on every platform Swift targets here.
        guard order != "|" || size == 1 else { return nil }
        self.kind = kind
        byteCount = size
        bigEndian = order == ">"
    }

    /// The `count` values in `payload` (exactly `count * byteCount` bytes).
    ///
    /// - Throws: `NumPyError.valueOutOfRange` for a uint64 above Int64's range, which
    ///   int64 storage cannot hold.
    /// `fortranShape`: the array's shape when the file is in Fortran order, so that an
    /// error names the value by its index in C order, as NumPy's `a.flat[i]` does.
    func values(of payload: Data, count: Int, file: String, fortranShape: [Int]? = nil) throws -> NPYArray.Storage {
        switch (kind, byteCount) {
        case (.float, 4): return .float32(integers(UInt32.self, payload, count).map { Float(bitPattern: $0) })
        case (.float, _): return .float64(integers(UInt64.self, payload, count).map { Double(bitPattern: $0) })
        case (.signed, 1): return .int64(integers(Int8.self, payload, count).map(Int64.init))
        case (.signed, 2): return .int64(integers(Int16.self, payload, count).map(Int64.init))
        case (.signed, 4): return .int64(integers(Int32.self, payload, count).map(Int64.init))
        case (.signed, _): return .int64(integers(Int64.self, payload, count))
        case (.unsigned, 1): return .int64(integers(UInt8.self, payload, count).map(Int64.init))
        case (.unsigned, 2): return .int64(integers(UInt16.self, payload, count).map(Int64.init))
        case (.unsigned, 4): return .int64(integers(UInt32.self, payload, count).map(Int64.init))
        case (.unsigned, _):
            let wide = integers(UInt64.self, payload, count)
            if let stored = wide.firstIndex(where: { $0 > UInt64(Int64.max) }) {
                let index = fortranShape.map { Self.cOrderIndex(ofFortranIndex: stored, shape: $0) } ?? stored
                throw NumPyError.valueOutOfRange(file: file, index: index, value: String(wide[stored]),
                                                 reason: "does not fit in int64, which uint64 values are read into")
            }
            return .int64(wide.map { Int64($0) })
        case (.boolean, _): return .int64(integers(UInt8.self, payload, count).map { $0 == 0 ? 0 : 1 })
        }
    }

    /// The C-order flat index of the element stored at `index` in Fortran order.
    static func cOrderIndex(ofFortranIndex index: Int, shape: [Int]) -> Int {
        var rest = index, result = 0
        var coordinates = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices { coordinates[axis] = rest % max(shape[axis], 1); rest /= max(shape[axis], 1) }
        for axis in shape.indices { result = result * shape[axis] + coordinates[axis] }
        return result
    }

    private func integers<T: FixedWidthInteger>(_: T.Type, _ payload: Data, _ count: Int) -> [T] {
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBytes { destination in
            payload.withUnsafeBytes { source in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<destination.count]))
            }
        }
        return bigEndian ? values.map { T(bigEndian: $0) } : values.map { T(littleEndian: $0) }
    }
}

extension NPYArray.Storage {
    /// The same values reordered from Fortran (first index fastest) to C order (last
    /// index fastest) for an array of `shape`.
    func fromFortranOrder(shape: [Int]) -> NPYArray.Storage {
        switch self {
        case .float32(let v): return .float32(Self.reorder(v, shape: shape))
        case .float64(let v): return .float64(Self.reorder(v, shape: shape))
        case .int64(let v): return .int64(Self.reorder(v, shape: shape))
        }
    }

    private static func reorder<T>(_ values: [T], shape: [Int]) -> [T] {
        guard shape.count > 1, !values.isEmpty else { return values }
        // Fortran strides: 1, d0, d0*d1, ...; walk the C-order index like an odometer.
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        var result = [T]()
        result.reserveCapacity(values.count)
        for _ in 0..<values.count {
            result.append(values[source])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += strides[axis]
                if index[axis] < shape[axis] { break }
                source -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
