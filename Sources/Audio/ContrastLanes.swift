/// Spectral contrast's valleys and peaks for eight frames at once, one frame per vector
/// lane: per band, the mean of the q smallest and of the q largest values, each summed
/// in ascending order in Float and divided by q in Float, as `np.mean` of `np.sort`'s
/// ends does, so each lane gives the bits one frame alone gives.
///
/// Each end is a list of q vectors kept sorted lane by lane (ascending). A value enters
/// by compare-exchanges alone: the list's weakest and the value trade places, and the
/// newcomer bubbles into its rank. A lane whose value does not belong comes out
/// unchanged, so a vector of bins goes through the list whenever one lane's value
/// belongs, and is skipped when none does. There are no branches per lane, where the
/// insertions of a search one frame at a time are mispredicted.
struct ContrastLanes {
    typealias Lanes = SIMD8<Float>
    static let width = Lanes.scalarCount

    private let bins: Int
    /// The eight frames' spectra, bin after bin: bin b of the eight frames is `values[b]`.
    private let values: UnsafeMutablePointer<Lanes>
    private let low: UnsafeMutablePointer<Lanes>
    private let high: UnsafeMutablePointer<Lanes>

    init(bins: Int, largestCount: Int) {
        self.bins = bins
        values = .allocate(capacity: max(bins, 1))
        low = .allocate(capacity: max(largestCount, 1))
        high = .allocate(capacity: max(largestCount, 1))
    }

    func deallocate() { values.deallocate(); low.deallocate(); high.deallocate() }

    /// Takes in `count` (1 to 8) frames starting at `start` (frame-major, `bins` values
    /// each); lanes past them repeat the last one.
    func load(_ start: UnsafePointer<Float>, frames count: Int) {
        interleaveFrames(start, count: count, bins: bins, into: values)
    }

    /// The means of the `q` smallest and the `q` largest values of `band`, per frame.
    func means(_ q: Int, of band: Range<Int>) -> (valleys: Lanes, peaks: Lanes) {
        // One value at each end (the narrow bands): the largest and the smallest, found
        // without a list or a branch. Ties are equal values, so the same bits.
        if q == 1 {
            var largest = Lanes(repeating: -.infinity), smallest = Lanes(repeating: .infinity)
            for b in band {
                let v = values[b]
                largest.replace(with: v, where: v .> largest)
                smallest.replace(with: v, where: v .< smallest)
            }
            let one = Lanes(repeating: 1)
            return ((Lanes() + smallest) / one, (Lanes() + largest) / one)
        }
        // The values are finite (contrastFromMagnitudeFrames refuses others), so every
        // value outranks the infinite sentinels, which are gone once q values have entered.
        for j in 0..<q { high[j] = Lanes(repeating: -.infinity); low[j] = Lanes(repeating: .infinity) }
        // A spectrum mostly falls with frequency: walking up the band, the largest tend
        // to come first; walking down, the smallest. Few vectors then go through a list.
        for b in band {
            let v = values[b]
            guard Self.anyLane(v .> high[0]) else { continue }
            var x = Self.larger(v, high[0])  // the weakest of q + 1 leaves
            for j in 0..<(q - 1) {
                let next = high[j + 1]
                high[j] = Self.smaller(x, next)
                x = Self.larger(x, next)
            }
            high[q - 1] = x
        }
        for b in band.reversed() {
            let v = values[b]
            guard Self.anyLane(v .< low[q - 1]) else { continue }
            var x = Self.smaller(v, low[q - 1])
            for j in stride(from: q - 1, to: 0, by: -1) {
                let next = low[j - 1]
                low[j] = Self.larger(x, next)
                x = Self.smaller(x, next)
            }
            low[0] = x
        }
        var valleys = Lanes(), peaks = Lanes()
        for j in 0..<q { valleys += low[j]; peaks += high[j] }
        let count = Lanes(repeating: Float(q))
        return (valleys / count, peaks / count)
    }

    /// Whether any lane of `mask` is set: the mask's 256 bits seen as four words, so the
    /// test is a vector test in place (the standard library's `any` called a generic
    /// reduction here, out of line).
    @inline(__always) private static func anyLane(_ mask: SIMDMask<SIMD8<Int32>>) -> Bool {
        let w = unsafeBitCast(mask, to: SIMD4<UInt64>.self)
        return (w[0] | w[1] | w[2] | w[3]) != 0
    }

    // Selects rather than pointwiseMin/Max, which split into halves here.
    @inline(__always) private static func larger(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: b .> a) }
    @inline(__always) private static func smaller(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: b .< a) }
}
