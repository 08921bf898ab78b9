@testable import Audio
import XCTest

/// `PitchPicker.scan` tests eight bins at a time for a peak; its candidates must be those
/// of the plain test below, bin by bin, in ascending order and with the same values:
/// plateaus (equal neighbours), values at and around the threshold, zeros, negative
/// values, and bands whose length leaves a tail after the groups of eight.
final class PitchPickerTests: XCTestCase {
    /// The test one bin at a time: a bin is a candidate when its value above the
    /// threshold (0 otherwise) exceeds the bin below's and is not exceeded by the one above.
    private func plainScan(_ frame: [Float], picker: PitchPicker, peak: Float) -> [(Int, Float, Float)] {
        let ref = picker.threshold * peak
        func masked(_ i: Int) -> Float { frame[i] > ref ? frame[i] : 0 }
        var found: [(Int, Float, Float)] = []
        let first = max(picker.lowBin, 1), last = min(picker.highBin, frame.count - 1)
        guard first < last else { return [] }
        for i in first..<last where masked(i) > masked(i - 1) && masked(i) >= masked(i + 1) {
            let below = frame[i - 1], here = frame[i], above = frame[i + 1]
            let avg = 0.5 * (above - below)
            var curvature = 2 * here - above - below
            if abs(curvature) < Float.leastNormalMagnitude { curvature += 1 }
            let shift = avg / curvature
            found.append((i, Float((Double(i) + Double(shift)) * picker.sampleRate / Double(picker.nFFT)),
                          here + 0.5 * avg * shift))
        }
        return found
    }

    func testLanesFindThePlainScansCandidates() {
        var random = SplitMix(seed: 150)
        // From fmin 150 Hz: 164 bins (48 kHz, n_fft 2048, to 4000 Hz); at 8 kHz, n_fft 256,
        // 7 bins (a tail only), 8 (one group) and 9 (a group and a tail).
        for (sampleRate, nFFT, fmax) in [(48000.0, 2048, 4000.0), (8000.0, 256, 360.0), (8000.0, 256, 400.0),
                                         (8000.0, 256, 420.0)] {
            let picker = PitchPicker(sampleRate: sampleRate, nFFT: nFFT, fmax: fmax)
            let band = min(picker.highBin, nFFT / 2) - max(picker.lowBin, 1)
            XCTAssertEqual(band, [4000.0: 164, 360: 7, 400: 8, 420: 9][fmax], "band to \(fmax) Hz")
            for trial in 0..<200 {
                let bins = nFFT / 2 + 1
                let frame = (0..<bins).map { _ -> Float in
                    let r = random.unit()
                    switch trial % 3 {
                    case 0: return Float(Int(r * 6)) * 0.25                 // few levels: plateaus, zeros
                    case 1: return Float(r * 2 - 0.2)                        // some negative
                    default: return r < 0.3 ? 0.1 : Float(r)                // many equal to 0.1 x peak
                    }
                }
                let peak = PitchPicker.peak(frame, count: bins)
                var lanes: [(Int, Float, Float)] = []
                frame.withUnsafeBufferPointer { f in
                    picker.scan(f.baseAddress!, bins: bins, peak: peak) { lanes.append(($0, $1, $2)) }
                }
                let plain = plainScan(frame, picker: picker, peak: peak)
                XCTAssertEqual(lanes.map(\.0), plain.map(\.0), "bins, trial \(trial), band to \(fmax) Hz")
                XCTAssertEqual(lanes.map(\.1.bitPattern), plain.map(\.1.bitPattern), "pitches, trial \(trial)")
                XCTAssertEqual(lanes.map(\.2.bitPattern), plain.map(\.2.bitPattern), "magnitudes, trial \(trial)")
            }
        }
    }
}
