import Foundation
import NumPy

/// One .npy file's bytes: decoded as NPY.read decodes a file. Any thrown error is a pass;
/// a trap, an overflow or a sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let array = try? NPY.decode(data, name: "fuzz.npy") {
        // What readers do next with an array: its values in every form, a re-encoding.
        _ = array.doubles
        _ = try? array.integers()
        _ = try? NPY.decode(NPY.encode(array))
    }
    return 0
}
