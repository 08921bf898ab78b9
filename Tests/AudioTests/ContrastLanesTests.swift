@testable import Audio
import XCTest

/// Spectral contrast's band ends, eight frames to a vector (`ContrastLanes`), against the
/// plain definition: each band sorted, the mean of
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

    /// Frames x bins of magnitudes from `value(generator, bin)`, seeded.
    private func spectra(frames: Int, bins: Int, seed: UInt64, _ value: (inout SplitMix, Int) -> Float) -> Matrix {
        var generator = SplitMix(seed: seed)
        var m = Matrix(rows: frames, columns: bins)
        for t in 0..<frames { for b in 0..<bins { m[t, b] = value(&generator, b) } }
        return m
    }

    func testWholeAndPartGroupsGiveTheSortedDefinitionsBits() throws {
        let kinds: [(String, (inout SplitMix, Int) -> Float)] = [
            ("falling spectrum with noise", { g, b in Float(g.unit()) / Float(1 + b) }),
            ("flat noise", { g, _ in Float(g.unit()) * 0.5 }),
            ("many ties", { g, _ in Float(g.next() % 5) * 0.25 }),
            ("zeros and a few values", { g, _ in g.next() % 7 == 0 ? Float(g.unit()) : 0 }),
            ("all equal", { _, _ in 0.125 }),
        ]
        // 1 to 7 frames fill one group's lanes in part; more, whole groups and a last
        // group of 1 to 7 frames (or none).
        for frames in [1, 7, 8, 9, 16, 23] {
            for (name, value) in kinds {
                let m = spectra(frames: frames, bins: 1025, seed: UInt64(frames), value)
                let ours = try contrastFromMagnitudeFrames(m, sampleRate: 48000)
                let plain = try sortedContrast(m, sampleRate: 48000)
                XCTAssertEqual(ours.map(\.bitPattern), plain.map(\.bitPattern), "\(name), \(frames) frames")
            }
        }
    }

    /// Other rates, band counts and quantiles give other bands and q: the top band's q
    /// is 9 at 22.05 kHz, 18 at 96 kHz, 48 and 451 with quantiles 0.1 and 0.3; 65 bins from
    /// 300 Hz give bands of 1, 2 and 3 bins whose q is the whole band.
    func testOtherBandsAndQuantiles() throws {
        for (sampleRate, bins, fmin, nBands, quantile) in [(22050.0, 1025, 200.0, 6, 0.02), (96000.0, 1025, 200, 6, 0.02),
                                                           (48000.0, 513, 200, 4, 0.1), (48000.0, 2049, 200, 6, 0.3),
                                                           (22050.0, 65, 300, 3, 0.9)] {
            let m = spectra(frames: 19, bins: bins, seed: UInt64(bins)) { g, _ in Float(g.unit()) }
            let ours = try contrastFromMagnitudeFrames(m, sampleRate: sampleRate, fmin: fmin, nBands: nBands, quantile: quantile)
            let plain = try sortedContrast(m, sampleRate: sampleRate, fmin: fmin, nBands: nBands, quantile: quantile)
            XCTAssertEqual(ours.map(\.bitPattern), plain.map(\.bitPattern), "sr \(sampleRate), \(bins) bins, q \(quantile)")
        }
    }

    /// The lanes' means before power_to_db (which clamps what lies 80 dB under the top):
    /// each lane's q smallest and q largest values summed in ascending order, bit for bit,
    /// with lanes that differ, ties, both zeros (-0.0 among them) and q up to the whole band.
    func testTheLanesMeansAreTheSortedEndsMeans() {
        let bins = 40
        var generator = SplitMix(seed: 3)
        let choices: [Float] = [-0.0, 0, 0.5, 0.5, 1, 1e-30, 3, 0.25]
        var frames = [Float]()
        for lane in 0..<ContrastLanes.width {
            for _ in 0..<bins {
                frames.append(lane % 2 == 0 ? choices[Int(generator.next() % 8)] : Float(generator.unit()))
            }
        }
        let group = ContrastLanes(bins: bins, largestCount: bins)
        defer { group.deallocate() }
        frames.withUnsafeBufferPointer { group.load($0.baseAddress!, frames: ContrastLanes.width) }
        for (q, band) in [(1, 0..<bins), (3, 5..<29), (15, 0..<bins), (24, 5..<29), (bins, 0..<bins)] {
            let (valleys, peaks) = group.means(q, of: band)
            for lane in 0..<ContrastLanes.width {
                let sorted = band.map { frames[lane * bins + $0] }.sorted()
                let valley = sorted.prefix(q).reduce(Float(0), +) / Float(q)
                let peak = sorted.suffix(q).reduce(Float(0), +) / Float(q)
                XCTAssertEqual(valleys[lane].bitPattern, valley.bitPattern, "valley, q \(q), lane \(lane)")
                XCTAssertEqual(peaks[lane].bitPattern, peak.bitPattern, "peak, q \(q), lane \(lane)")
            }
        }
    }
}
