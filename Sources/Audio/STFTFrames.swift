import Foundation

/// A complex STFT held frame after frame, with its magnitudes: element (frame `t`, bin
/// `b`) at `t * bins + b`, the transpose of `ComplexMatrix`'s librosa layout.
///
/// The recipe's STFT is computed frame by frame and its harmonic part is inverted frame
/// by frame; in librosa's layout both ends transposed 1025 x 430 values per recording,
/// reading one cache line per value, which took longer than the inverse FFTs themselves.
/// Everything between (median filters, soft mask, phases) is the same in either order.
public struct STFTFrames: Sendable, CustomStringConvertible {
    /// Number of frames.
    public let frameCount: Int
    /// Frequency bins per frame (`1 + n_fft / 2`).
    public let bins: Int
    /// Samples between frames.
    public let hopLength: Int
    /// The complex64 values, split, frames x bins.
    var real: [Float]
    var imag: [Float]
    /// `|z|` of every value rounded once (`complexAbs`), frames x bins.
    let magnitudes: Matrix

    /// The shape, not the values (held twice over: complex and magnitudes).
    public var description: String { "STFTFrames \(frameCount) frames x \(bins) bins, hop \(hopLength)" }

    /// The same values in librosa's layout (bins x frames), as `stft(y)` gives them.
    public var matrix: ComplexMatrix {
        var out = ComplexMatrix(rows: bins, columns: frameCount)
        out.real = Matrix(rows: frameCount, columns: bins, values: real)!.transposed().values
        out.imag = Matrix(rows: frameCount, columns: bins, values: imag)!.transposed().values
        return out
    }

    /// `stft(y, nFFT, hopLength)` (centred) frame by frame, with its magnitudes.
    ///
    /// - Throws: as `stft`.
    init(_ y: [Float], nFFT: Int, hopLength: Int, in function: String) throws {
        try checkSTFTArguments(y, nFFT: nFFT, hopLength: hopLength, in: function)
        let frames = Audio.frameCount(sampleCount: y.count, nFFT: nFFT, hopLength: hopLength)
        let bins = nFFT / 2 + 1
        // Every value is written below, so the arrays are not zeroed first.
        let count = frames * bins
        var imag = [Float](), mags = [Float]()
        let real = try [Float](unsafeUninitializedCapacity: count) { re, reCount in
            imag = try [Float](unsafeUninitializedCapacity: count) { im, imCount in
                mags = try [Float](unsafeUninitializedCapacity: count) { m, mCount in
                    try forEachSTFTFrame(y, nFFT: nFFT, hopLength: hopLength, center: true, in: function) { t, spectrum in
                        let r = re.baseAddress! + t * bins, i = im.baseAddress! + t * bins
                        let row = m.baseAddress! + t * bins
                        for b in 0..<bins {
                            r[b] = spectrum[2 * b]
                            i[b] = spectrum[2 * b + 1]
                            row[b] = complexAbs(spectrum[2 * b], spectrum[2 * b + 1])
                        }
                    }
                    mCount = count
                }
                imCount = count
            }
            reCount = count
        }
        self.init(frameCount: frames, bins: bins, hopLength: hopLength, real: real, imag: imag,
                  magnitudes: Matrix(rows: frames, columns: bins, values: mags)!)
    }

    /// A librosa-layout STFT held frame after frame, taken to have librosa's default hop
    /// (a quarter of n_fft), which is all a bins x frames matrix can say of its hop.
    init(_ d: ComplexMatrix) {
        func frameMajor(_ values: [Float]) -> [Float] {
            Matrix(rows: d.rows, columns: d.columns, values: values)!.transposed().values
        }
        self.init(frameCount: d.columns, bins: d.rows, hopLength: max(d.rows - 1, 0) / 2,
                  real: frameMajor(d.real), imag: frameMajor(d.imag),
                  magnitudes: MagnitudeSpectrogram.frameMajorMagnitudes(d))
    }

    private init(frameCount: Int, bins: Int, hopLength: Int, real: [Float], imag: [Float], magnitudes: Matrix) {
        self.frameCount = frameCount
        self.bins = bins
        self.hopLength = hopLength
        self.real = real
        self.imag = imag
        self.magnitudes = magnitudes
    }
}
