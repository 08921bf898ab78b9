@testable import Audio
import Foundation
import XCTest

/// `LaneLog10` against the C library's `log10f`, bit for bit: every Float in [0.5, 2)
/// (every mantissa, so every table entry and polynomial input `logf` meets) and a sample
/// of the whole positive normal range; and `powerToDB` through the lanes against the
/// same formula one value at a time, infinities, NaN and the floor included.
final class LaneLog10Tests: XCTestCase {
    func testLanesMatchTheLibrary() throws {
        #if os(Linux)
        XCTAssertTrue(LaneLog10.matchesPlatform, "glibc's log10f: the lanes should reproduce it")
        #endif
        try XCTSkipUnless(LaneLog10.matchesPlatform, "this libm rounds otherwise; powerToDB calls it instead")
        var mismatches = 0, checked = 0
        func check(_ start: UInt32, _ end: UInt32, step: UInt32) {
            var pattern = start
            while pattern + 7 * step < end {
                var lanes = LaneLog10.Lanes()
                for l in 0..<8 { lanes[l] = Float(bitPattern: pattern + UInt32(l) * step) }
                guard let got = LaneLog10.log10(lanes) else { mismatches += 8; pattern += 8 * step; continue }
                for l in 0..<8 where got[l].bitPattern != log10(lanes[l]).bitPattern { mismatches += 1 }
                checked += 8
                pattern += 8 * step
            }
        }
        check(Float(0.5).bitPattern, Float(2).bitPattern, step: 1)       // every mantissa, both exponents
        check(0x0080_0000, 0x7F80_0000, step: 251)                        // the whole normal range
        XCTAssertGreaterThan(checked, 16_000_000)
        XCTAssertEqual(mismatches, 0)
        // Not positive normal finite, in any lane and at the range's edges: left to the
        // library. The extremes of the range are taken.
        let refused: [UInt32] = [0, 0x8000_0000, 0x007F_FFFF, 0x0000_0001, 0x8080_0000, 0xBF80_0000,
                                 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000]
        for pattern in refused {
            for lane in 0..<8 {
                var lanes = LaneLog10.Lanes(repeating: 1)
                lanes[lane] = Float(bitPattern: pattern)
                XCTAssertNil(LaneLog10.log10(lanes), "0x\(String(pattern, radix: 16)) in lane \(lane)")
            }
        }
        let extremes = LaneLog10.Lanes(.leastNormalMagnitude, .greatestFiniteMagnitude, 1, 0.5, 2, 10, 1e-10, 3e38)
        let got = try XCTUnwrap(LaneLog10.log10(extremes))
        for l in 0..<8 { XCTAssertEqual(got[l].bitPattern, log10(extremes[l]).bitPattern, "\(extremes[l])") }
    }

    func testPowerToDBThroughLanesIsTheFormulaValueByValue() throws {
        var random = SplitMix(seed: 10)
        // Specials from index 5 on, seven apart; the infinity among 37 values lies at 19,
        // after two groups of eight have gone through the lanes.
        for (count, specials) in [(37, [Float]()), (64, [0, 1e-12, 1]), (29, [.infinity]), (37, [1, 1, .infinity]),
                                  (41, [.nan]), (16, [-3, 1e-10])] {
            var values = (0..<count).map { _ in Float(pow(10, 12 * random.unit() - 9)) }
            for (n, special) in specials.enumerated() { values[(n * 7 + 5) % count] = special }
            let S = Matrix(rows: 1, columns: count, values: values)!
            for (ref, topDB) in [(Float(1), Float?(80)), (2, nil), (1, 20)] {
                let got = try powerToDB(S, ref: ref, topDB: topDB)
                // The same, one value at a time through the library's log10f.
                let offset = Float(10 * Foundation.log10(Double(max(1e-10, abs(ref)))))
                var expected = values.map { x -> Float in
                    var db = 10 * Foundation.log10(max(Float(1e-10), x))
                    if offset != 0 { db -= offset }
                    return db
                }
                if let topDB {
                    let floor = expected.max()! - topDB
                    expected = expected.map { $0 < floor ? floor : $0 }
                }
                if values.contains(where: \.isNaN) {
                    for i in expected.indices where topDB != nil || values[i].isNaN { expected[i] = .nan }
                }
                XCTAssertEqual(got.values.map(\.bitPattern), expected.map(\.bitPattern),
                               "\(count) values with \(specials), ref \(ref), top_db \(String(describing: topDB))")
            }
        }
    }
}
