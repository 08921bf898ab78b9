@testable import Audio
import XCTest

/// `MedianOf31`, the sorting-network median that `LaneMedian` uses for HPSS's window.
final class MedianOf31Tests: XCTestCase {
    typealias Lanes = MedianOf31.Lanes

    /// The 24-value network sorts every input of zeros and ones (all 2^24 of them, eight
    /// per call), which by the 0-1 principle proves it sorts any input.
    func testSort24SortsEveryZeroOneInput() {
        var failures = 0
        for first in stride(from: 0, to: 1 << 24, by: 8) {
            var v = zeroOneInputs(from: first, wires: 24)
            // Through a pointer: the 24 arguments are distinct elements of one array.
            v.withUnsafeMutableBufferPointer { b in
                let p = b.baseAddress!
                MedianOf31.sort24(&p[0], &p[1], &p[2], &p[3], &p[4], &p[5], &p[6], &p[7], &p[8], &p[9], &p[10], &p[11],
                                  &p[12], &p[13], &p[14], &p[15], &p[16], &p[17], &p[18], &p[19], &p[20], &p[21], &p[22], &p[23])
            }
            for l in 0..<8 {
                let ones = (first + l).nonzeroBitCount
                // Sorted: 24 - ones zeros, then the ones.
                for w in 0..<24 where v[w][l] != (w >= 24 - ones ? 1 : 0) { failures += 1; break }
            }
        }
        XCTAssertEqual(failures, 0)
    }

    /// Inputs `first ..< first + 8` of a network of `wires` wires, one per lane: wire w
    /// of input i carries bit w of i.
    private func zeroOneInputs(from first: Int, wires: Int) -> [Lanes] {
        (0..<wires).map { w in
            var lanes = Lanes()
            for l in 0..<8 { lanes[l] = Int32(((first + l) >> w) & 1) }
            return lanes
        }
    }

    /// Eight random keys of one kind: 0, many ties (few distinct values); 1, distinct
    /// keys; 2, keys mixed with zeros and the largest key (+inf's).
    private func randomKeys(_ kind: Int, _ generator: inout SplitMix) -> Lanes {
        var lanes = Lanes()
        for l in 0..<8 {
            let r = generator.next()
            switch kind {
            case 0: lanes[l] = Int32(r % 5)
            case 1: lanes[l] = Int32(truncatingIfNeeded: r >> 33)
            default: lanes[l] = r % 3 == 0 ? 0 : (r % 7 == 0 ? LaneMedian.infinity : Int32(r % 1000))
            }
        }
        return lanes
    }

    /// Blocks of eight medians against the median of each window sorted outright, for
    /// each kind of `randomKeys`.
    func testBlockMatchesSortedWindows() {
        var generator = SplitMix(seed: 31)
        for kind in 0..<3 {
            for _ in 0..<300 {
                let x = (0..<38).map { _ in randomKeys(kind, &generator) }
                var out = [Lanes](repeating: .zero, count: 8)
                x.withUnsafeBufferPointer { xs in
                    out.withUnsafeMutableBufferPointer { MedianOf31.block(xs.baseAddress!, into: $0.baseAddress!) }
                }
                for k in 0..<8 {
                    for l in 0..<8 {
                        let window = (k..<(k + 31)).map { x[$0][l] }.sorted()
                        XCTAssertEqual(out[k][l], window[15], "kind \(kind), output \(k), lane \(l)")
                    }
                }
            }
        }
    }

    /// Whole lines through `medians` (blocks sharing sorted and merged chunks, and a last
    /// partial block) against each window sorted outright, for each kind of `randomKeys`.
    func testLineMatchesSortedWindows() {
        var generator = SplitMix(seed: 62)
        for kind in 0..<3 {
            for count in [8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 64, 65] {
                for _ in 0..<25 {
                    let x = (0..<(count + 30)).map { _ in randomKeys(kind, &generator) }
                    var out = [Lanes?](repeating: nil, count: count)
                    func put(_ i: Int, _ median: Lanes) {
                        XCTAssertNil(out[i], "output \(i) stored twice")
                        out[i] = median
                    }
                    x.withUnsafeBufferPointer { xs in
                        // Whole blocks come to `storeBlock`, the last partial one to `store`.
                        MedianOf31.medians(xs.baseAddress!, count: count, store: put) { i, medians in
                            for j in 0..<MedianOf31.outputs { put(i + j, medians[j]) }
                        }
                    }
                    for k in 0..<count {
                        guard let median = out[k] else { XCTFail("output \(k) of \(count) not stored"); continue }
                        for l in 0..<8 {
                            let window = (k..<(k + 31)).map { x[$0][l] }.sorted()
                            XCTAssertEqual(median[l], window[15], "kind \(kind), count \(count), output \(k), lane \(l)")
                        }
                    }
                }
            }
        }
    }

    /// Through `medianFilter`: lines of 8 to 40 samples (one block, overlapping last
    /// blocks) in both directions give `SlidingMedian`'s bits.
    func testFilterMatchesSlidingMedianAtBlockEdges() throws {
        var generator = SplitMix(seed: 8)
        for length in [8, 9, 15, 16, 17, 23, 24, 25, 40] {
            var m = Matrix(rows: 11, columns: length)
            for i in m.values.indices { m.values[i] = Float(generator.next() % 10_000) / 64 }
            let lanes = try medianFilter(m, size: (rows: 1, columns: 31))
            var scalar = Matrix(rows: 11, columns: length)
            m.values.withUnsafeBufferPointer { src in
                scalar.values.withUnsafeMutableBufferPointer { dst in
                    var filter = SlidingMedian(window: 31)
                    for r in 0..<11 {
                        filter.run(src.baseAddress! + r * length, stride: 1, count: length,
                                   into: dst.baseAddress! + r * length, outStride: 1)
                    }
                }
            }
            XCTAssertEqual(lanes.values.map(\.bitPattern), scalar.values.map(\.bitPattern), "length \(length)")
            let transposed = m.transposed()
            let columns = try medianFilter(transposed, size: (rows: 31, columns: 1))
            XCTAssertEqual(columns.transposed().values.map(\.bitPattern), scalar.values.map(\.bitPattern),
                           "length \(length), along columns")
        }
    }
}
