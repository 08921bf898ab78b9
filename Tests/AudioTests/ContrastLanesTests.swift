@testable import Audio
import XCTest

/// Spectral contrast's band ends, eight frames to a vector (`ContrastLanes`) and one frame
/// at a time for the rest, against the plain definition: each band sorted, the mean of
/// its q first and q last values summed in ascending order in Float, then power_to_db.
final class ContrastLanesTests: XCTestCase {
    /// `contrastFromMagnitudeFrames` written the plain way.
    private func sortedContrast(_ frames: Matrix, sampleRate: Double, fmin: Double = 200, nBands: Int = 6,
                                quantile: Double = 0.02) throws -> [Double] {
        let bins = frames.columns, count = frames.rows
        let bands = try ContrastBands(sampleRate: sampleRate, nFFT: 2 * (bins - 1), fmin: fmin, nBands: nBands,
                                      quantile: quantile)
        var peak = [Double](repeating: 0, count: (nBands + 1) * count), valley = peak
        for t in 0..<count {
            for (k, range) in bands.ranges.enumerated() {
                let q = min(bands.counts[k], range.count)
                guard q > 0 else { continue }
                let sorted = range.map { frames[t, $0] }.sorted()
                valley[k * count + t] = Double(sorted.prefix(q).reduce(Float(0), +) / Float(q))
                peak[k * count + t] = Double(sorted.suffix(q).reduce(Float(0), +) / Float(q))
            }
        }
        powerToDB(&peak)
        powerToDB(&valley)
        return zip(peak, valley).map { $0 - $1 }
    }

    /// Frames x bins of magnitudes from `values`, seeded.
    private func spectra(frames: Int, bins: Int, seed: UInt64, _ value: (inout SplitMix) -> Float) -> Matrix {
        var generator = SplitMix(seed: seed)
        var m = Matrix(rows: frames, columns: bins)
        for t in 0..<frames { for b in 0..<bins { m[t, b] = value(&generator) } }
        return m
    }

    func testLanesAndSingleFramesGiveTheSortedDefinitionsBits() throws {
        let kinds: [(String, (inout SplitMix) -> Float)] = [
            ("falling spectrum with noise", { g in Float(g.unit()) * 0.5 }),
            ("many ties", { g in Float(g.next() % 5) * 0.25 }),
            ("zeros and a few values", { g in g.next() % 7 == 0 ? Float(g.unit()) : 0 }),
            ("all equal", { _ in 0.125 }),
        ]
        // 1 to 7 frames use only the single-frame search; 8 and more the lanes too, with
        // a remainder of 0 to 7 frames.
        for frames in [1, 7, 8, 9, 16, 23] {
            for (name, value) in kinds {
                let m = spectra(frames: frames, bins: 1025, seed: UInt64(frames), value)
                let ours = try contrastFromMagnitudeFrames(m, sampleRate: 48000)
                let plain = try sortedContrast(m, sampleRate: 48000)
                XCTAssertEqual(ours.map(\.bitPattern), plain.map(\.bitPattern), "\(name), \(frames) frames")
            }
        }
    }

    /// Other rates, band counts and quantiles give other bands and q (up to 37 at 96 kHz).
    func testOtherBandsAndQuantiles() throws {
        for (sampleRate, bins, nBands, quantile) in [(22050.0, 1025, 6, 0.02), (96000.0, 1025, 6, 0.02),
                                                     (48000.0, 513, 4, 0.1), (48000.0, 2049, 6, 0.3)] {
            let m = spectra(frames: 19, bins: bins, seed: UInt64(bins)) { g in Float(g.unit()) }
            let ours = try contrastFromMagnitudeFrames(m, sampleRate: sampleRate, nBands: nBands, quantile: quantile)
            let plain = try sortedContrast(m, sampleRate: sampleRate, nBands: nBands, quantile: quantile)
            XCTAssertEqual(ours.map(\.bitPattern), plain.map(\.bitPattern), "sr \(sampleRate), \(bins) bins, q \(quantile)")
        }
    }
}

extension SplitMix {
    /// A value in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
