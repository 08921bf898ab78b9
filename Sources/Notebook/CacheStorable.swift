import Foundation
import NumPy

/// A value `nb.cached` can keep in `.cache/` as a file of its own format: arrays as NumPy
/// `.npy`, models as `.npz` (lesson-side conformances). Codable values need no conformance;
/// they are stored as JSON.
public protocol CacheStorable {
    /// The file extension of the stored form, without the dot (`npy`, `npz`).
    static var cacheFileExtension: String { get }
    /// Writes the value to `url`. The cache writes to a temporary name and renames it into
    /// place afterwards, so this need not be atomic, and should not be: an atomic write
    /// makes a temporary file of its own beside it, which a kill mid-write leaves behind.
    func save(to url: URL) throws
    /// Reads a value written by `save(to:)`.
    static func load(from url: URL) throws -> Self
}

extension NPYArray: CacheStorable {
    public static var cacheFileExtension: String { "npy" }
    /// Straight into `url`, the cache's temporary file: an atomic write would add a
    /// `.dat.nosync…` file of its own (21 MB for the corpus features) that a SIGKILL
    /// mid-write left behind.
    public func save(to url: URL) throws { try NPY.write(self, to: url, atomically: false) }
    public static func load(from url: URL) throws -> NPYArray { try NPY.read(contentsOf: url) }
}

/// Element types of arrays cached as a one-dimensional `.npy`.
public protocol NPYCacheableElement {
    /// The element type `array(_:)` writes, the only one `values(_:)` is given.
    static var cacheDType: NPYArray.DType { get }
    static func array(_ values: [Self]) throws -> NPYArray
    static func values(_ array: NPYArray) throws -> [Self]
}

extension Double: NPYCacheableElement {
    public static var cacheDType: NPYArray.DType { .float64 }
    public static func array(_ values: [Double]) throws -> NPYArray { try NPYArray(float64: values) }
    public static func values(_ array: NPYArray) throws -> [Double] { array.doubles }
}

extension Float: NPYCacheableElement {
    public static var cacheDType: NPYArray.DType { .float32 }
    public static func array(_ values: [Float]) throws -> NPYArray { try NPYArray(float32: values) }
    public static func values(_ array: NPYArray) throws -> [Float] { array.floats }
}

extension Int64: NPYCacheableElement {
    public static var cacheDType: NPYArray.DType { .int64 }
    public static func array(_ values: [Int64]) throws -> NPYArray { try NPYArray(int64: values) }
    public static func values(_ array: NPYArray) throws -> [Int64] { try array.integers() }
}

extension Int: NPYCacheableElement {
    public static var cacheDType: NPYArray.DType { .int64 }
    public static func array(_ values: [Int]) throws -> NPYArray { try NPYArray(int64: values.map(Int64.init)) }
    public static func values(_ array: NPYArray) throws -> [Int] { try array.integers().map { Int($0) } }
}

extension Array: CacheStorable where Element: NPYCacheableElement {
    public static var cacheFileExtension: String { "npy" }
    public func save(to url: URL) throws { try NPY.write(Element.array(self), to: url, atomically: false) }
    /// Only what `save` writes: a one-dimensional array of the element's own type. The key
    /// does not name the type, so a step whose code is unchanged while the type it caches
    /// changed (a helper in another step now returns `[Float]`) finds the old entry; read
    /// through `doubles` or `floats`, a float64 entry would come back rounded and a matrix
    /// flattened, with no word said. Refused, the value is computed again.
    public static func load(from url: URL) throws -> [Element] {
        let array = try NPY.read(contentsOf: url)
        guard array.dtype == Element.cacheDType, array.shape.count == 1 else {
            throw CacheError.io(path: url.path, action: "read the cache entry",
                                reason: "it holds a \(array.dtype.rawValue) array shaped \(array.shape), not [\(Element.self)]")
        }
        return try Element.values(array)
    }
}

/// Codable values stored as JSON.
struct JSONStored<Value: Codable>: CacheStorable {
    var value: Value
    static var cacheFileExtension: String { "json" }
    func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode([value]).write(to: url)
    }
    static func load(from url: URL) throws -> JSONStored<Value> {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Wrapped in an array so top-level scalars (Int, String) are valid JSON everywhere.
        let values = try decoder.decode([Value].self, from: Data(contentsOf: url))
        guard values.count == 1 else {
            throw CacheError.io(path: url.path, action: "read the cache entry", reason: "it holds \(values.count) values, not one")
        }
        return JSONStored(value: values[0])
    }
}
