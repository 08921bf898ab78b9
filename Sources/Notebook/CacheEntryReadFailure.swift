import Foundation
import NumPy

/// Why a cache entry that is there could not be used, in a phrase that can follow the
/// entry's name in a run's report ("the data is truncated: the header promises 48 bytes,
/// the file has 20"). The readers' errors name the file; the report names it already.
enum CacheEntryReadFailure {
    static func reason(of error: Error, file: URL) -> String {
        // What a machine that stopped soon after a write may leave, whatever the format.
        if (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber == 0 { return "the file is empty" }
        let domain = (error as NSError).domain
        switch error {
        case let decoding as DecodingError:
            return ReportStore.describe(decoding)  // "not JSON", "[0] is not Int"
        case _ where domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain:
            return IOFailure.reason(of: error)  // "Permission denied", not Foundation's codes
        case let CacheError.io(path, _, reason) where path == file.path:
            return reason  // what a reader refused: "it holds a float64 array shaped [2], not [Float]"
        default:
            let text = String(describing: error)
            let named = file.path + ": "
            return text.hasPrefix(named) ? String(text.dropFirst(named.count)) : text
        }
    }
}
