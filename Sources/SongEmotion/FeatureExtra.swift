import Audio
import Foundation

/// Feature groups beyond the tutorial's five, for trying features of one's own:
/// `notebook features --extra` appends them after the 386 columns, which stay as they
/// are. Each is librosa 0.8.1's function of the same name with its defaults, as
/// `librosa.feature.X(y=y, sr=sr)` computes it: the spectral ones from the recording's
/// magnitude STFT (the one the recipe already has), rms and the zero-crossing rate from
/// the signal's frames, the deltas from the recipe's 40 MFCCs (`delta(mfcc)` and
/// `delta(mfcc, order=2)`, width 9).
public enum FeatureExtra: String, CaseIterable, Sendable {
    case rms
    case zeroCrossingRate = "zero_crossing_rate"
    case spectralCentroid = "spectral_centroid"
    case spectralBandwidth = "spectral_bandwidth"
    case spectralRolloff = "spectral_rolloff"
    case spectralFlatness = "spectral_flatness"
    case mfccDelta = "mfcc_delta"
    case mfccDelta2 = "mfcc_delta2"

    /// Values per frame.
    public var count: Int {
        switch self {
        case .mfccDelta, .mfccDelta2: 40
        default: 1
        }
    }

    /// As a recipe group: its name and values per frame.
    public var group: FeatureRecipe.Group { FeatureRecipe.Group(name: rawValue, count: count) }

    /// Parses a comma-separated list such as "rms,spectral_centroid", keeping its order.
    /// - Throws: `FeatureExtra.ListError` naming an unknown or repeated name (and the
    ///   known ones).
    public static func list(_ text: String) throws -> [FeatureExtra] {
        var extras = [FeatureExtra]()
        for name in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let extra = FeatureExtra(rawValue: name) else { throw ListError.unknown(name) }
            guard !extras.contains(extra) else { throw ListError.repeated(name) }
            extras.append(extra)
        }
        return extras
    }

    public enum ListError: Error, CustomStringConvertible {
        case unknown(String)
        case repeated(String)

        public var description: String {
            switch self {
            case .unknown(let name) where name.isEmpty:
                "an empty name in the list of extra features (a stray comma?); known: \(FeatureExtra.allCases.map(\.rawValue).joined(separator: ", "))"
            case .unknown(let name):
                "unknown extra feature \"\(name)\"; known: \(FeatureExtra.allCases.map(\.rawValue).joined(separator: ", "))"
            case .repeated(let name):
                "extra feature \"\(name)\" is given twice"
            }
        }
    }

    /// The per-frame values (rows x frames) for one recording. `spectrogram` is the
    /// magnitude STFT of `samples`, and `mfcc` its 40 MFCCs, as the recipe computed them.
    /// - Throws: the Audio function's error (e.g. `delta` on fewer than 9 frames, which
    ///   librosa refuses too).
    func values(samples: [Float], spectrogram: MagnitudeSpectrogram, mfcc: Matrix) throws -> Matrix {
        switch self {
        case .rms: try Audio.rms(y: samples)
        case .zeroCrossingRate: try Audio.zeroCrossingRate(y: samples)
        case .spectralCentroid: try spectrogram.spectralCentroid()
        case .spectralBandwidth: try spectrogram.spectralBandwidth()
        case .spectralRolloff: try spectrogram.spectralRolloff()
        case .spectralFlatness: try spectrogram.spectralFlatness()
        case .mfccDelta: try delta(mfcc)
        case .mfccDelta2: try delta(mfcc, order: 2)
        }
    }
}
