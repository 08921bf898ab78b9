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

extension AudioSignal: CustomStringConvertible {
    /// What the recording is, not its samples (`print(song)` would print a few hundred
    /// thousand numbers).
    public var description: String {
        "AudioSignal \(samples.count) samples at \(sampleRate) Hz (\(String(format: "%.2f", duration)) s)"
            + (channels == 1 ? "" : ", mixed down from \(channels) channels")
    }
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
        let handle = try open(path, &info)
        defer { sf_close(handle) }

        let channels = Int(info.channels)
        guard channels > 0, info.samplerate > 0 else {
            throw AudioError.decodingFailed(path: path, reason: "no channels or no sample rate in header")
        }
        guard info.frames > 0 else { throw AudioError.noSamples(path: path) }

        // Read in blocks until the decoder stops, never trusting the header's frame count
        // for an allocation: a damaged or hostile header can claim 2^36 frames for a file
        // of a few kilobytes. What the file really holds ends the loop.
        // 64k samples a block whatever the channel count (a header may claim 1024 channels).
        let blockFrames = max(1, (1 << 16) / channels)
        var mono = [Float]()
        mono.reserveCapacity(Int(min(info.frames, sf_count_t(1 << 22))))
        var block = [Float](repeating: 0, count: blockFrames * channels)
        let scale = Float(channels)
        while true {
            let got = block.withUnsafeMutableBufferPointer { buf in
                Int(sf_readf_float(handle, buf.baseAddress, sf_count_t(blockFrames)))
            }
            if channels == 1 {
                mono.append(contentsOf: block[0..<max(got, 0)])
            } else {
                block.withUnsafeBufferPointer { src in
                    for i in 0..<max(got, 0) {
                        var s: Float = 0
                        for c in 0..<channels { s += src[i * channels + c] }
                        mono.append(s / scale)
                    }
                }
            }
            if got < blockFrames { break }
        }
        // A short read is either a clean end (kept, as soundfile keeps it) or a decoder
        // error, which is reported rather than half a file analysed silently.
        if sf_error(handle) != 0 {
            throw AudioError.decodingFailed(path: path, reason: String(cString: sf_strerror(handle)))
        }
        guard !mono.isEmpty else { throw AudioError.noSamples(path: path) }
        return AudioSignal(samples: mono, sampleRate: Int(info.samplerate), channels: channels)
    }

    /// libsndfile keeps the reason an open failed in one process-wide slot (`sf_strerror`
    /// of no handle), so opens are serialised: with several files decoded at once,
    /// another thread's open could otherwise replace the reason before it is read.
    private static let openLock = NSLock()

    private static func open(_ path: String, _ info: inout SF_INFO) throws -> OpaquePointer {
        // A pipe or socket would make sf_open wait for a writer that may never come.
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFSOCK {
            throw AudioError.cannotOpen(path: path, reason: "it is a pipe or socket, not an audio file")
        }
        openLock.lock()
        defer { openLock.unlock() }
        if let handle = sf_open(path, Int32(SFM_READ), &info) { return handle }
        let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        let reason: String
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            switch type {
            case .typeDirectory: reason = "it is a folder, not a file"
            case .typeCharacterSpecial, .typeBlockSpecial: reason = "it is a device, not an audio file"
            default: reason = "not a regular file"
            }
        } else if (attributes?[.size] as? NSNumber)?.intValue == 0 {
            // libsndfile calls an empty file's format unrecognised; say what it is.
            reason = "the file is empty (0 bytes)"
        } else {
            reason = String(cString: sf_strerror(nil))
        }
        throw AudioError.cannotOpen(path: path, reason: reason)
    }
}
