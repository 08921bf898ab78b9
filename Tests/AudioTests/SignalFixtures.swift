import Audio
import Foundation
import NumPy
import TestSupport
import XCTest

/// The test signals and their librosa 0.8.1 outputs, written by
/// `scripts/reference/librosa_signals.py` into `Tests/AudioTests/Fixtures/`.
enum SignalFixtures {
    /// Every signal and its file name.
    static let files: [(name: String, file: String)] = [
        ("chirp", "chirp.wav"), ("chord", "chord.wav"), ("noise", "noise.wav"),
        ("stereo", "stereo.wav"), ("short", "short.wav"), ("silence", "silence.wav"),
        ("harmonics16k", "harmonics16k.flac"),
    ]

    static func audio(_ file: String) throws -> AudioSignal {
        try AudioFile.read(ReferencePaths.fixture("AudioTests", file))
    }

    static func reference(_ name: String, _ kind: String) throws -> NPYArray {
        try NPY.read(contentsOf: ReferencePaths.fixture("AudioTests", "\(name).\(kind).npy"))
    }

    static func hasReference(_ name: String, _ kind: String) -> Bool {
        FileManager.default.fileExists(atPath: ReferencePaths.fixture("AudioTests", "\(name).\(kind).npy").path)
    }
}

/// The README's parity measure: a value passes at relative tolerance `rtol` when
/// `|ours - ref| <= rtol·|ref| + floorFraction·max|ref|` (the max over the compared
/// group). `requiredTolerance` returns the smallest `rtol` for which every value
/// passes (0 when all differences are under the absolute floor; infinity when a value
/// with `ref == 0` is off by more than the floor).
enum Parity {
    static func requiredTolerance<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(
        _ ours: [A], _ ref: [B], floorFraction: Double = 1e-6
    ) -> (rtol: Double, index: Int) {
        guard ours.count == ref.count else { return (.infinity, -1) }
        let scale = ref.reduce(0.0) { max($0, abs(Double($1))) }
        let floor = floorFraction * scale
        var worst = 0.0, at = -1
        for i in ref.indices {
            let a = Double(ours[i]), b = Double(ref[i])
            guard a.isFinite else { return (.infinity, i) }
            let excess = abs(a - b) - floor
            guard excess > 0 else { continue }
            let need = b == 0 ? Double.infinity : excess / abs(b)
            if need > worst { worst = need; at = i }
        }
        return (worst, at)
    }

    /// Asserts `ours` matches `ref` (same shape) at `rtol`, printing the figure.
    static func check(_ ours: Matrix, _ ref: NPYArray, rtol: Double, _ label: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual([ours.rows, ours.columns], ref.shape, "\(label): shape", file: file, line: line)
        guard [ours.rows, ours.columns] == ref.shape else { return }
        let (need, at) = requiredTolerance(ours.values, ref.doubles)
        print("parity \(label): needs rtol \(need) (worst at \(at))")
        XCTAssertLessThanOrEqual(need, rtol, "\(label): worst value at flat index \(at)", file: file, line: line)
    }
}
