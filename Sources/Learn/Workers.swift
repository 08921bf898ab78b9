import Foundation

/// Learn's own parallel loops: a range split into contiguous parts, one per thread.
///
/// Every caller either gives each part work whose result does not depend on where the
/// range was cut (independent samples, filters or weights) or cuts into a fixed number
/// of parts (`BLAS.splitGemm`), so results are bit-identical for any thread count.
enum Workers {
    /// Calls `body(part, range)` for `parts` contiguous ranges covering 0..<count, in
    /// parallel when there is more than one (and `inParallel`, else one after another).
    static func forEach(count: Int, parts requested: Int, inParallel: Bool = true, _ body: (Int, Range<Int>) -> Void) {
        let parts = max(1, min(requested, count))
        if parts == 1 { body(0, 0..<count); return }
        guard inParallel else {
            for part in 0..<parts { body(part, (count * part / parts)..<(count * (part + 1) / parts)) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(part, (count * part / parts)..<(count * (part + 1) / parts))
        }
    }
}
