import Foundation

/// Learn's own parallel loops: a range split into contiguous parts, one per thread.
///
/// Every caller gives each part work whose result does not depend on where the range
/// was cut (independent samples, filters or weights), so results are bit-identical for
/// any thread count.
enum Workers {
    /// Calls `body(part, range)` for `parts` contiguous ranges covering 0..<count, each
    /// range's bounds a multiple of `granule` (except the end), in parallel when parts > 1.
    static func forEach(count: Int, parts requested: Int, granule: Int = 1,
                        _ body: (Int, Range<Int>) -> Void) {
        let blocks = (count + granule - 1) / granule
        let parts = max(1, min(requested, blocks))
        if parts == 1 { body(0, 0..<count); return }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = min(count, blocks * part / parts * granule)
            let end = min(count, blocks * (part + 1) / parts * granule)
            body(part, start..<end)
        }
    }
}
