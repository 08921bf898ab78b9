import CSndFile
import Foundation

/// A decoded recording: mono samples at the file's native rate.
public struct AudioSignal: Sendable {
    /// Mono samples; integer formats are scaled to [-1, 1), float formats kept as stored.
    public var samples: [Float]
    /// Samples per second, as stored in the file (no resampling).
    public let sampleRate: Int
    /// How many channels the file held before the mono mix-down.
    public let channels: Int

    public init(samples: [Float], sampleRate: Int, channels: Int = 1) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Duration in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}

/// Decoding through libsndfile: WAV (any bit depth, float), FLAC, OGG, AIFF, ...
public enum AudioFile {
    /// Reads `url` as the tutorial does (`soundfile.read(dtype='float32')`), then mixes
    /// down to mono by averaging the channels in Float (`np.mean(y, axis=...)` on float32).
    ///
    /// - Throws: `AudioError.cannotOpen` / `.decodingFailed` with libsndfile's reason,
    ///   `.noSamples` for a file without frames.
    public static func read(_ url: URL) throws -> AudioSignal {
        let path = url.path
        var info = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &info) else {
            // libsndfile calls an empty file's format unrecognised; say what it is.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
            let reason = size == 0 ? "the file is empty (0 bytes)" : String(cString: sf_strerror(nil))
            throw AudioError.cannotOpen(path: path, reason: reason)
        }
        defer { sf_close(handle) }

        let channels = Int(info.channels)
        let declared = Int(info.frames)
        guard channels > 0, info.samplerate > 0 else {
            throw AudioError.decodingFailed(path: path, reason: "no channels or no sample rate in header")
        }
        guard declared > 0 else { throw AudioError.noSamples(path: path) }

        var interleaved = [Float](repeating: 0, count: declared * channels)
        let got = interleaved.withUnsafeMutableBufferPointer { buf in
            Int(sf_readf_float(handle, buf.baseAddress, sf_count_t(declared)))
        }
        if got < declared {
            // A short read is either a clean early end (kept, as soundfile keeps it) or a
            // decoder error, which we report rather than analyse half a file silently.
            let code = sf_error(handle)
            if code != 0 {
                throw AudioError.decodingFailed(path: path, reason: String(cString: sf_strerror(handle)))
            }
        }
        guard got > 0 else { throw AudioError.noSamples(path: path) }

        var mono: [Float]
        if channels == 1 {
            interleaved.removeLast(interleaved.count - got)
            mono = interleaved
        } else {
            mono = [Float](repeating: 0, count: got)
            let scale = Float(channels)
            interleaved.withUnsafeBufferPointer { src in
                for i in 0..<got {
                    var s: Float = 0
                    for c in 0..<channels { s += src[i * channels + c] }
                    mono[i] = s / scale
                }
            }
        }
        return AudioSignal(samples: mono, sampleRate: Int(info.samplerate), channels: channels)
    }
}
