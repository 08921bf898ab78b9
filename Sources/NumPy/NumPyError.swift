/// Why a NumPy file could not be read or written. Every case that concerns a file
/// names it, so the message alone tells the user where to look.
public enum NumPyError: Error, CustomStringConvertible, Equatable {
    case notNPY(file: String)
    case unsupportedVersion(file: String, major: UInt8, minor: UInt8)
    case malformedHeader(file: String, reason: String)
    case unsupportedDType(file: String, descr: String)
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    case shapeMismatch(shape: [Int], count: Int)
    /// A float array holding a value that is not a whole number in int64's range, at
    /// flat index `index`.
    case notIntegral(index: Int, value: Double)
    case io(file: String, reason: String)
    /// `available`: the names the archive does hold, in archive order, so the message can
    /// list them (a misspelt or renamed array is then plain to see).
    case missingArray(file: String, name: String, available: [String])
    /// A value the reader cannot hold (a uint64 above int64's range), by flat index.
    case valueOutOfRange(file: String, index: Int, value: String, reason: String)

    public var description: String {
        switch self {
        case .notNPY(let f):
            return "\(f): not a NumPy .npy file (the magic string \\x93NUMPY is missing)"
        case .unsupportedVersion(let f, let major, let minor):
            return "\(f): .npy format version \(major).\(minor) is not supported (1.0 to 3.0 are)"
        case .malformedHeader(let f, let reason):
            return "\(f): malformed .npy header: \(reason)"
        case .unsupportedDType(let f, let descr) where descr == NPYHeader.structuredDescr:
            return "\(f): a structured array (named fields) is not supported; save one field of it, e.g. np.save(f, a['name'])"
        case .unsupportedDType(let f, let descr) where descr.dropFirst().hasPrefix("c"):
            // .astype(float) would drop the imaginary parts, with only a warning.
            return "\(f): complex values ('\(descr)') are not supported; save real arrays, e.g. np.abs(a) for "
                + "magnitudes or a.real and a.imag apart"
        case .unsupportedDType(let f, let descr):
            return "\(f): dtype '\(descr)' is not supported (read: \(NPYElementFormat.readable)); convert it in NumPy with .astype()"
        case .truncated(let f, let expected, let actual):
            return "\(f): the data is truncated: the header promises \(expected) bytes, the file has \(actual)"
        case .shapeMismatch(let shape, let count):
            // Say which of the three ways it fails: "does not hold 0 values" for a shape
            // of [-1] left the user to guess that the sign was the problem.
            if shape.contains(where: { $0 < 0 }) { return "shape \(shape) has a negative dimension" }
            guard let capacity = NPYArray.elementCount(shape) else {
                return "shape \(shape) holds more values than an Int can count (\(count) given)"
            }
            return "shape \(shape) holds \(capacity) values, not \(count)"
        case .notIntegral(let index, let value):
            return "value \(value) at index \(index) is not a whole number in int64's range"
        case .io(let f, let reason):
            return "\(f): \(reason)"
        case .missingArray(let f, let name, let available):
            return "\(f): no array named '\(name)'; " + Self.listing(available)
        case .valueOutOfRange(let f, let index, let value, let reason):
            return "\(f): value \(value) at index \(index) \(reason)"
        }
    }

    /// What an archive holds, for `missingArray`: every name up to a dozen (weights files
    /// hold a few dozen; the list then says how many more there are).
    private static func listing(_ names: [String]) -> String {
        guard !names.isEmpty else { return "the archive holds no arrays" }
        let shown = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        let more = names.count > 12 ? " and \(names.count - 12) more" : ""
        return "the archive holds \(names.count == 1 ? "only " : "")\(shown)\(more)"
    }
}
