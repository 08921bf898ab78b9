import Audio
import Foundation

/// The tutorial's 386 values per recording (its `extract_feature` with librosa 0.8.1):
/// means over frames of mfcc (40), chroma_stft (12), melspectrogram (128),
/// spectral_contrast (7) and tonnetz (6), then the population standard deviations of
/// the same five groups in the same order. Native sample rate, mono mix-down.
///
/// One STFT serves mfcc, mel, chroma, contrast and the harmonic/percussive split
/// (librosa computes the same transform four times); tonnetz comes from the harmonic part.
/// Means and deviations are accumulated in Double.
public enum FeatureRecipe {
    /// A feature group: its name and how many values (rows) it has per frame.
    public struct Group: Sendable, Equatable {
        public let name: String
        public let count: Int
    }

    /// The five groups in column order.
    public static let groups: [Group] = [
        Group(name: "mfcc", count: 40), Group(name: "chroma", count: 12), Group(name: "mel", count: 128),
        Group(name: "contrast", count: 7), Group(name: "tonnetz", count: 6),
    ]

    /// Values per recording: 2 x (40 + 12 + 128 + 7 + 6) = 386.
    public static let count = 2 * groups.reduce(0) { $0 + $1.count }

    /// Values per recording with `extras` after the 386: their means, then their
    /// standard deviations, in the order given.
    public static func count(extras: [FeatureExtra]) -> Int {
        count + 2 * extras.reduce(0) { $0 + $1.count }
    }

    /// A name for each column, NumPy-style indices within a group: "mfcc_mean_0" ...
    /// "tonnetz_std_5", then the extras' ("rms_mean_0", ..., "rms_std_0", ...).
    public static func columnNames(extras: [FeatureExtra] = []) -> [String] {
        func names(_ groups: [Group]) -> [String] {
            ["mean", "std"].flatMap { statistic in
                groups.flatMap { g in (0..<g.count).map { "\(g.name)_\(statistic)_\($0)" } }
            }
        }
        return names(groups) + names(extras.map(\.group))
    }

    /// The shortest clip the recipe accepts: half an FFT frame (1024 samples), below
    /// which librosa 0.8.1's tonnetz gives non-finite values.
    public static let minimumSamples = 1024

    /// The columns holding a group's means and its standard deviations.
    public static func columns(of name: String) -> (means: Range<Int>, stds: Range<Int>)? {
        var start = 0
        for g in groups {
            if g.name == name { return (start..<(start + g.count), (count / 2 + start)..<(count / 2 + start + g.count)) }
            start += g.count
        }
        return nil
    }

    /// Why a recording has no features: the file and the step that failed.
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let step: String
        public let reason: String
        public var description: String { "\(path): \(step): \(reason)" }
    }

    /// CPU time per step ("decode", "stft", ..., "tonnetz") and per inner stage of the
    /// longer steps ("harmonic/medians", "tonnetz/resample", ...), for profiling.
    public typealias Profile = CPUProfile

    /// Decodes `url` and computes its 386 values, and those of `extras` after them.
    /// - Throws: `Failure` naming the file and the step (decoding, a feature, or
    ///   non-finite values, which never reach the output).
    public static func extract(contentsOf url: URL, extras: [FeatureExtra] = [], profile: Profile? = nil) throws -> [Double] {
        try extract(decode(url, profile: profile), path: url.path, extras: extras, profile: profile)
    }

    /// Decodes `url` as the recipe reads it (mono, native rate), timed as the "decode" step.
    /// - Throws: `Failure` naming the file, step "decoding".
    public static func decode(_ url: URL, profile: Profile? = nil) throws -> AudioSignal {
        do {
            guard let profile else { return try AudioFile.read(url) }
            return try profile.time("decode") { try AudioFile.read(url) }
        } catch {
            throw Failure(path: url.path, step: "decoding", reason: (error as? AudioError)?.reason ?? "\(error)")
        }
    }

    /// The 386 values of a decoded signal, followed by those of `extras` (`count(extras:)`
    /// in all); `path` names it in errors. On Linux the first call in a process raises
    /// glibc's mmap and trim thresholds for the whole process (`freedBuffersStayMapped`).
    public static func extract(_ signal: AudioSignal, path: String = "<signal>", extras: [FeatureExtra] = [],
                               profile: Profile? = nil) throws -> [Double] {
        _ = freedBuffersStayMapped
        let y = signal.samples
        let sr = Double(signal.sampleRate)
        if let bad = y.firstIndex(where: { !$0.isFinite }) {
            throw Failure(path: path, step: "decoding", reason: "sample \(bad) is \(y[bad]); the audio must hold finite samples")
        }
        var means = [Double](), stds = [Double]()
        means.reserveCapacity(count / 2)
        stds.reserveCapacity(count / 2)

        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            guard let profile else { return try body() }
            return try profile.time(name, body)
        }
        func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
            do {
                return try timed(name, body)
            } catch {
                throw Failure(path: path, step: name, reason: (error as? AudioError)?.reason ?? "\(error)")
            }
        }
        func summarise(_ group: Group, rows: Int, frames: Int, _ mu: [Double], _ sd: [Double],
                       into means: inout [Double], _ stds: inout [Double]) throws {
            guard rows == group.count, frames > 0 else {
                throw Failure(path: path, step: group.name,
                              reason: "expected \(group.count) rows and at least one frame, got \(rows) x \(frames)")
            }
            guard mu.allSatisfy(\.isFinite), sd.allSatisfy(\.isFinite) else {
                // Finite samples overflow only when far out of range (a float file at 1e30).
                let peak = y.lazy.map(abs).max() ?? 0
                let why = peak > 1 ? "; the audio's peak amplitude is \(peak), where [-1, 1] is expected" : ""
                throw Failure(path: path, step: group.name, reason: "non-finite values (NaN or infinity)\(why)")
            }
            means += mu
            stds += sd
        }
        func summarise(_ m: Matrix, _ group: Group, into means: inout [Double], _ stds: inout [Double]) throws {
            try summarise(group, rows: m.rows, frames: m.columns, m.rowMeans(), m.rowStandardDeviations(), into: &means, &stds)
        }

        // One complex STFT: its magnitudes feed mel/mfcc/chroma/contrast, and the same
        // transform is hpss's input for the harmonic part (librosa computes it four times).
        let (S, D) = try step("stft") { try MagnitudeSpectrogram.withSTFT(y: y, sampleRate: sr) }
        let mel = try step("mel") { try S.melspectrogram() }
        let mfccs = try step("mfcc") { try mfcc(S: try powerToDB(mel), nMFCC: 40) }
        let chroma = try step("chroma") { try S.chromaSTFT() }
        let contrast = try step("contrast") { try S.spectralContrast() }
        // librosa 0.8.1 itself fails below n_fft/2 samples (its cqt of the harmonic part
        // turns non-finite; checked at 22.05 and 48 kHz): say so instead of trying.
        guard y.count >= minimumSamples else {
            throw Failure(path: path, step: "tonnetz",
                          reason: "clip of \(y.count) sample\(y.count == 1 ? "" : "s") is shorter than \(minimumSamples); "
                              + "librosa 0.8.1's tonnetz is not finite for it either")
        }
        let harmonicPart = try step("harmonic") { try harmonic(stft: D, length: y.count) }
        let tonnetzValues = try step("tonnetz") { try tonnetz(y: harmonicPart, sampleRate: sr) }

        // Timed apart from the steps, whose errors name them; these name their group.
        try timed("summaries") {
            try summarise(mfccs, groups[0], into: &means, &stds)
            try summarise(chroma, groups[1], into: &means, &stds)
            try summarise(mel, groups[2], into: &means, &stds)
            try summarise(contrast, groups[3], into: &means, &stds)
            try summarise(groups[4], rows: Tonnetz.rows, frames: tonnetzValues.frames,
                          tonnetzValues.rowMeans(), tonnetzValues.rowStandardDeviations(), into: &means, &stds)
        }

        var extraMeans = [Double](), extraStds = [Double]()
        for extra in extras {
            let m = try step(extra.rawValue) { try extra.values(samples: y, spectrogram: S, mfcc: mfccs) }
            try summarise(m, extra.group, into: &extraMeans, &extraStds)
        }
        return means + stds + extraMeans + extraStds
    }

    /// Every recording allocates and frees the same few multi-megabyte buffers. By
    /// default glibc returns each to the kernel (mmap/trim) and faults it back in,
    /// zero-filled, for the next recording: ~12 % of `notebook features` in `perf`, and
    /// 12 s of system time in the sd_fc lesson's extraction, which went without this.
    /// Raising the thresholds once, on the first extraction in a process, keeps freed
    /// buffers in the heap for the next one.
    private static let freedBuffersStayMapped: Void = {
        #if os(Linux)
        // <malloc.h> is not in Swift's Glibc module: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3.
        _ = glibcMallopt(-3, 256 << 20)
        _ = glibcMallopt(-1, 512 << 20)
        #endif
    }()
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
