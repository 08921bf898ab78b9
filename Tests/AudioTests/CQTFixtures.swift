import Foundation
import NumPy
import TestSupport
import XCTest

/// The librosa 0.8.1 reference data written by `scripts/reference/librosa_cqt.py` into
/// `Tests/AudioTests/Fixtures/cqt/`, and the comparisons the tonnetz-path tests share.
enum CQTFixtures {
    static func url(_ name: String) -> URL {
        ReferencePaths.fixture("AudioTests", "cqt/\(name).npy")
    }

    static func array(_ name: String) throws -> NPYArray {
        try NPY.read(contentsOf: url(name))
    }

    static func floats(_ name: String) throws -> [Float] { try array(name).floats }
    static func doubles(_ name: String) throws -> [Double] { try array(name).doubles }

    /// The signals' metadata (rate, tuning librosa estimated, corpus crop).
    struct Meta: Decodable {
        let sr: Int
        let n: Int
        let tuning: Double
        let path: String?
        let start: Int?
        let count: Int?
    }

    static func meta(_ name: String) throws -> Meta {
        let data = try Data(contentsOf: ReferencePaths.fixture("AudioTests", "cqt/meta.json"))
        let all = try JSONDecoder().decode([String: Meta].self, from: data)
        guard let m = all[name] else { throw XCTSkip("no metadata for \(name)") }
        return m
    }

    /// Largest `|a - b| / (|b| + floor)`, with `floor = absFloor * max|b|`: the README's
    /// allclose-style measure, reported as a ratio so a test can print and bound it.
    static func worstRelative<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(
        _ a: [A], _ b: [B], absFloor: Double = 1e-6
    ) -> (rel: Double, index: Int) {
        precondition(a.count == b.count, "compared arrays differ in length")
        let scale = b.reduce(0.0) { max($0, abs(Double($1))) }
        let floor = absFloor * scale
        var worst = 0.0, at = -1
        for i in a.indices {
            let d = abs(Double(a[i]) - Double(b[i])) / (abs(Double(b[i])) + floor + .leastNonzeroMagnitude)
            if d > worst { worst = d; at = i }
        }
        return (worst, at)
    }

    /// Largest `|a - b|` over the largest `|b|`: for values that cross zero, where a
    /// relative measure means nothing.
    static func worstAbsoluteShare<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(_ a: [A], _ b: [B]) -> Double {
        precondition(a.count == b.count, "compared arrays differ in length")
        let scale = b.reduce(0.0) { max($0, abs(Double($1))) }
        var worst = 0.0
        for i in a.indices { worst = max(worst, abs(Double(a[i]) - Double(b[i]))) }
        return scale > 0 ? worst / scale : worst
    }
}
