import Foundation
import NumPy

/// One .npz file's bytes: written to a file (NPZ reads from a URL), opened, and every
/// array in it decoded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fuzz-npz-\(getpid()).npz")
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes: start, count: count))
    defer { try? FileManager.default.removeItem(at: url) }
    guard let archive = try? NPZ.read(contentsOf: url) else { return 0 }
    for name in archive.names { _ = try? archive.array(named: name) }
    return 0
}
