import Audio
import Foundation
import NumPy
import SongEmotion
import TestSupport
import XCTest

/// The recipe's extra groups (`notebook features --extra`) against librosa 0.8.1
/// (scripts/reference/librosa_recipe_extras.py), and their place after the 386 columns.
final class FeatureExtraTests: XCTestCase {
    /// The fixture's rows, in the script's order.
    static let signalFiles = ["chirp.wav", "chord.wav", "noise.wav", "stereo.wav", "silence.wav", "harmonics16k.flac"]
    static let corpusFiles = ["Actor_01/03-02-01-01-01-01-01.flac", "Actor_12/03-02-05-02-02-01-12.flac",
                              "Actor_24/03-02-01-01-01-01-24.flac"]

    func testLayoutFollowsTheGivenOrderAfterThe386() throws {
        let all = FeatureExtra.allCases
        XCTAssertEqual(FeatureRecipe.count(extras: []), 386)
        XCTAssertEqual(FeatureRecipe.count(extras: all), 386 + 2 * (6 + 40 + 40))
        let names = FeatureRecipe.columnNames(extras: [.mfccDelta, .rms])
        XCTAssertEqual(names.count, FeatureRecipe.count(extras: [.mfccDelta, .rms]))
        XCTAssertEqual(names.count, Set(names).count, "every column has its own name")
        XCTAssertEqual(Array(names[0..<2]), ["mfcc_mean_0", "mfcc_mean_1"])
        XCTAssertEqual(names[385], "tonnetz_std_5")
        XCTAssertEqual(Array(names[386..<388]), ["mfcc_delta_mean_0", "mfcc_delta_mean_1"])
        XCTAssertEqual(names[386 + 40], "rms_mean_0")
        XCTAssertEqual(names[386 + 41], "mfcc_delta_std_0")
        XCTAssertEqual(names.last, "rms_std_0")
        // The recipe's own names agree with its column ranges.
        XCTAssertEqual(names[FeatureRecipe.columns(of: "contrast")!.stds.lowerBound], "contrast_std_0")
    }

    func testListParsingNamesTheBadEntry() throws {
        XCTAssertEqual(try FeatureExtra.list("spectral_rolloff, rms"), [.spectralRolloff, .rms])
        for (text, message) in [("rms,centroid", "unknown extra feature \"centroid\"; known: rms, zero_crossing_rate"),
                                ("rms,,zero_crossing_rate", "an empty name in the list of extra features (a stray comma?)"),
                                ("rms,", "an empty name in the list of extra features (a stray comma?)"),
                                ("rms,rms", "extra feature \"rms\" is given twice")] {
            XCTAssertThrowsError(try FeatureExtra.list(text), text) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }

    /// Every extra against librosa, with the parity tests' measure (relative 1e-4, floor
    /// 1e-6 x the group's largest value); the 386 columns before them bit for bit as
    /// without extras.
    func testExtrasMatchLibrosa() throws {
        let reference = try NPY.read(contentsOf: ReferencePaths.fixture("SongEmotionTests", "recipe_extras.npy"))
        let extras = FeatureExtra.allCases
        let width = FeatureRecipe.count(extras: extras) - FeatureRecipe.count
        let corpus = try ReferencePaths.corpus()
        let sources = Self.signalFiles.map { ReferencePaths.fixture("AudioTests", $0) }
            + Self.corpusFiles.map { corpus.appendingPathComponent($0) }
        XCTAssertEqual(reference.shape, [sources.count, width])
        let ref = reference.doubles
        for (row, url) in sources.enumerated() {
            let signal = try AudioFile.read(url)
            let withExtras = try FeatureRecipe.extract(signal, path: url.path, extras: extras)
            let plain = try FeatureRecipe.extract(signal, path: url.path)
            XCTAssertEqual(withExtras.count, FeatureRecipe.count + width)
            XCTAssertEqual(Array(withExtras.prefix(FeatureRecipe.count)), plain, "\(url.lastPathComponent): the 386 columns")
            let ours = Array(withExtras.dropFirst(FeatureRecipe.count))
            let expected = Array(ref[(row * width)..<((row + 1) * width)])
            // The deltas' floor scales with the MFCCs they come from: of constant MFCCs
            // (silence) scipy leaves residues of 1e-16 of their size, where we give 0.
            let mfccScale = FeatureRecipe.columns(of: "mfcc")!.means.reduce(0.0) { max($0, abs(plain[$1])) }
            var start = 0, figures = [String]()
            for extra in extras {
                let columns = Array(start..<(start + extra.count)) + Array((width / 2 + start)..<(width / 2 + start + extra.count))
                let scale = [.mfccDelta, .mfccDelta2].contains(extra) ? mfccScale : 0
                let need = FeatureRecipeTests.requiredTolerance(ours, expected, columns: columns, scale: scale)
                figures.append("\(extra.rawValue) \(String(format: "%.1e", need))")
                XCTAssertLessThanOrEqual(need, 1e-4, "\(url.lastPathComponent) \(extra.rawValue)")
                start += extra.count
            }
            print("extras parity \(url.lastPathComponent): " + figures.joined(separator: ", "))
        }
    }

    /// The deltas need nine frames, as librosa's do ("interp" fits a full window): a
    /// shorter clip's error names the file and the group, where the 386 alone are fine.
    func testTooFewFramesForTheDeltasNamesTheFileAndStep() throws {
        let samples = (0..<3000).map { Float(0.5 * sin(Double($0) * 0.07)) }   // 6 frames at hop 512
        let signal = AudioSignal(samples: samples, sampleRate: 48000, channels: 1)
        XCTAssertEqual(try FeatureRecipe.extract(signal, path: "short.wav").count, 386)
        XCTAssertEqual(try FeatureRecipe.extract(signal, path: "short.wav", extras: [.rms]).count, 388)
        XCTAssertThrowsError(try FeatureRecipe.extract(signal, path: "short.wav", extras: [.rms, .mfccDelta])) { error in
            let failure = error as? FeatureRecipe.Failure
            XCTAssertEqual(failure?.path, "short.wav")
            XCTAssertEqual(failure?.step, "mfcc_delta")
            XCTAssertTrue(failure?.reason.contains("width") == true, "\(error)")
        }
    }
}
