import Audio
import Foundation
import NumPy
import TestSupport
import XCTest

/// The tutorial's tonnetz columns (means 187-192, standard deviations 380-385 of the
/// seed x.npy) for recordings spread over the actors, the stereo one included:
/// tonnetz(effects.harmonic(y), 48000) from the FLAC, against librosa 0.8.1's values.
final class TonnetzCorpusParityTests: XCTestCase {
    func testTonnetzColumnsMatchSeedFeatures() throws {
        let corpus = try ReferencePaths.corpus()
        let x = try NPY.read(contentsOf: try ReferencePaths.seedFeatures().appendingPathComponent("x.npy"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".flac") }.sorted()
        XCTAssertEqual(files.count, x.shape[0])
        let columns = Array(187..<193) + Array(380..<386)
        // The group's largest magnitude over the whole corpus sets the absolute floor.
        var groupMax = 0.0
        for r in 0..<x.shape[0] {
            let row = x.row(r)
            for c in columns { groupMax = max(groupMax, abs(row[c])) }
        }
        var rows = Array(stride(from: 0, to: files.count, by: 79))
        if let stereo = files.firstIndex(of: "Actor_24/03-02-01-01-01-01-24.flac") { rows.append(stereo) }
        XCTAssertGreaterThanOrEqual(rows.count, 12)
        var worstOverall = 0.0
        for r in rows {
            let signal = try AudioFile.read(corpus.appendingPathComponent(files[r]))
            let t = try tonnetz(y: try harmonic(signal.samples), sampleRate: Double(signal.sampleRate))
            let ours = t.rowMeans() + t.rowStandardDeviations()
            let row = x.row(r)
            var worst = 0.0
            for (k, c) in columns.enumerated() {
                let rel = abs(ours[k] - row[c]) / (abs(row[c]) + 1e-6 * groupMax)
                worst = max(worst, rel)
            }
            print(String(format: "tonnetz parity %@: worst relative %.3g", files[r], worst))
            worstOverall = max(worstOverall, worst)
            XCTAssertLessThanOrEqual(worst, 1e-2, files[r])
        }
        print("tonnetz parity over \(rows.count) recordings: worst \(worstOverall)")
    }
}
