import Foundation
@testable import Notebook
import NumPy

/// One cache entry's bytes, read as one of the types `nb.cached` stores (the first byte
/// chooses): arrays as `.npy`, Codable values as JSON. A value that reads must be what
/// was written, exactly: an array entry read as another element type or shape (a float64
/// file as `[Float]`, a matrix as `[Double]`) would be a silent misread, and a value must
/// write back as the bytes that read as it again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Data(bytes: start + 1, count: count - 1)
    switch start[0] % 9 {
    case 0: check(NPYArray.self, bytes)
    case 1: check([Double].self, bytes, dtype: .float64)
    case 2: check([Float].self, bytes, dtype: .float32)
    case 3: check([Int].self, bytes, dtype: .int64)
    case 4: check([Int64].self, bytes, dtype: .int64)
    case 5: check(JSONStored<[String: Double]>.self, bytes)
    case 6: check(JSONStored<[Int]>.self, bytes)
    case 7: check(JSONStored<String>.self, bytes)
    default: check(JSONStored<Pair>.self, bytes)
    }
    return 0
}

struct Pair: Codable { var name: String; var values: [Float]?; var count: Int }

private let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fuzz-cache-value-\(getpid())")

private func check<T: CacheStorable>(_ type: T.Type, _ bytes: Data, dtype: NPYArray.DType? = nil) {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let entry = folder.appendingPathComponent("entry.\(T.cacheFileExtension)")
    let copy = folder.appendingPathComponent("copy.\(T.cacheFileExtension)")
    FileManager.default.createFile(atPath: entry.path, contents: bytes)
    guard let value = try? T.load(from: entry) else { return }
    if let dtype {
        let array = try! NPY.read(contentsOf: entry)
        precondition(array.dtype == dtype && array.shape.count == 1,
                     "\(array.dtype) array shaped \(array.shape) read as \(T.self)")
    }
    try! value.save(to: copy)
    let written = try! Data(contentsOf: copy)
    try! T.load(from: copy).save(to: copy)
    precondition(try! Data(contentsOf: copy) == written, "\(T.self) reads back as another value")
}
