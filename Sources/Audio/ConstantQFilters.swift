import CFFTW
import Foundation

/// One octave of librosa 0.8.1's constant-Q filter bank in the frequency domain
/// (`constantq.__cqt_filter_fft`): the time-domain filters of `filters.constant_q`
/// (Hann-windowed complex exponentials, L1-normalised, centred in a power-of-two frame),
/// scaled by `length / n_fft`, Fourier-transformed in Double, cut to the non-negative
/// frequencies and sparsified (`util.sparsify_rows`: per row, the smallest magnitudes
/// holding `sparsity` of the row's L1 mass are dropped). Stored as CSR in complex64.
struct ConstantQBasis: Sendable {
    /// FFT length the basis is meant for (the frames of the octave's STFT).
    let nFFT: Int
    /// Filters (rows).
    let rows: Int
    /// CSR row starts, `rows + 1` entries.
    let rowStart: [Int]
    /// Column (FFT bin) of each stored value, ascending within a row.
    let column: [Int32]
    let real: [Float]
    let imag: [Float]
    /// The bins some filter reads, ascending (the basis is sparse: a small part of the
    /// spectrum), and each stored value's index among them. Kept with the basis, which
    /// is cached, rather than worked out on every octave of every file.
    let usedBins: [Int32]
    let compactColumn: [Int32]

    init(nFFT: Int, rows: Int, rowStart: [Int], column: [Int32], real: [Float], imag: [Float]) {
        self.nFFT = nFFT
        self.rows = rows
        self.rowStart = rowStart
        self.column = column
        self.real = real
        self.imag = imag
        usedBins = Array(Set(column)).sorted()
        var position = [Int32](repeating: -1, count: nFFT / 2 + 1)
        for (k, c) in usedBins.enumerated() { position[Int(c)] = Int32(k) }
        compactColumn = column.map { position[Int($0)] }
    }
}

extension ConstantQBasis {
    /// `filters.constant_q_lengths`: `Q * sr / f_k` for `f_k = fmin * 2^(k / bpo)`,
    /// `Q = filterScale / (2^(1/bpo) - 1)` (gamma 0).
    ///
    /// - Throws: `AudioError.invalidParameter` when the top filter's pass band crosses
    ///   Nyquist, or for a non-positive fmin / resolution.
    static func lengths(sampleRate: Double, fmin: Double, bins: Int, binsPerOctave: Int,
                        filterScale: Double) throws -> [Double] {
        guard fmin > 0, binsPerOctave > 0, filterScale > 0, bins > 0 else {
            throw AudioError.invalidParameter("constant-Q filters need fmin, bins_per_octave, filter_scale and n_bins > 0")
        }
        let alpha = pow(2.0, 1.0 / Double(binsPerOctave)) - 1.0
        let q = filterScale / alpha
        let freqs = (0..<bins).map { fmin * pow(2.0, Double($0) / Double(binsPerOctave)) }
        if freqs[bins - 1] * (1 + 0.5 * hannBandwidth / q) > sampleRate / 2.0 {
            throw AudioError.invalidParameter("constant-Q filter pass-band lies beyond Nyquist (top bin \(freqs[bins - 1]) Hz at \(sampleRate) Hz)")
        }
        return freqs.map { q * sampleRate / ($0 + 0.0) }
    }

    /// librosa's `filters.window_bandwidth('hann')` (its precomputed table value).
    static let hannBandwidth = 1.50018310546875

    /// Builds the basis (uncached; see `cached`).
    static func make(sampleRate sr: Double, fmin: Double, bins: Int, binsPerOctave: Int,
                     filterScale: Double, sparsity: Double) throws -> ConstantQBasis {
        let lengths = try lengths(sampleRate: sr, fmin: fmin, bins: bins, binsPerOctave: binsPerOctave,
                                  filterScale: filterScale)
        let maxLength = lengths.max() ?? 1
        let nFFT = Int(pow(2.0, ceil(log2(maxLength))))
        let half = nFFT / 2 + 1
        let freqs = (0..<bins).map { fmin * pow(2.0, Double($0) / Double(binsPerOctave)) }

        let fft = DoubleFFT.shared(size: nFFT)
        // Its plan is executed below, outside any closure holding it: the cache may drop
        // (and destroy) it meanwhile, so it must live to the end.
        defer { withExtendedLifetime(fft) {} }
        let input = fftw_alloc_complex(nFFT)!, output = fftw_alloc_complex(nFFT)!
        defer { fftw_free(input); fftw_free(output) }
        let inD = UnsafeMutableRawPointer(input).assumingMemoryBound(to: Double.self)
        let outD = UnsafeMutableRawPointer(output).assumingMemoryBound(to: Double.self)

        var rowStart = [0], column = [Int32](), real = [Float](), imag = [Float]()
        var re = [Double](repeating: 0, count: nFFT), im = re, mags = re
        for k in 0..<bins {
            let ilen = lengths[k]
            // np.arange(-ilen // 2, ilen // 2): floor(-ilen/2) ..< floor(ilen/2).
            let start = (-ilen / 2).rounded(.down), stop = (ilen / 2).rounded(.down)
            let n = Int(stop - start)
            let window = Window.hann(n)
            // numpy forms the phase as n * 1j * 2 * pi * f / sr, the last step being a
            // multiplication by 1/sr (its complex division by a real).
            let inverseRate = 1.0 / sr
            var sig = [(Double, Double)](repeating: (0, 0), count: n)
            for j in 0..<n {
                let theta = (((start + Double(j)) * 2) * Double.pi * freqs[k]) * inverseRate
                sig[j] = (cos(theta) * window[j], sin(theta) * window[j])
            }
            // util.normalize(norm=1): divide by the (pairwise-summed) L1 norm.
            let l1 = pairwiseSum(sig.map { hypot($0.0, $0.1) })
            let inverseNorm = l1 < Double.leastNormalMagnitude ? 1.0 : 1.0 / l1
            // pad_center into nFFT, cast to complex64, times length/n_fft (in Double,
            // rounded to complex64 again), then the Double FFT of those values.
            for j in 0..<(2 * nFFT) { inD[j] = 0 }
            let lpad = (nFFT - n) / 2
            let gain = ilen / Double(nFFT)
            for j in 0..<n {
                let a = Float(sig[j].0 * inverseNorm), b = Float(sig[j].1 * inverseNorm)
                inD[2 * (lpad + j)] = Double(Float(Double(a) * gain))
                inD[2 * (lpad + j) + 1] = Double(Float(Double(b) * gain))
            }
            fftw_execute_dft(fft.plan, input, output)
            for b in 0..<half {
                re[b] = outD[2 * b]; im[b] = outD[2 * b + 1]
                mags[b] = hypot(re[b], im[b])
            }
            // sparsify_rows: keep magnitudes >= the one where the ascending cumulative
            // share of the row's L1 mass first reaches `sparsity`.
            let rowMags = Array(mags[0..<half])
            let norm = pairwiseSum(rowMags)
            let sortedMags = rowMags.sorted()
            var cumulative = 0.0, thresholdIndex = 0
            for (i, m) in sortedMags.enumerated() {
                cumulative += m / norm
                if !(cumulative < sparsity) { thresholdIndex = i; break }
            }
            let threshold = sortedMags[thresholdIndex]
            for b in 0..<half where mags[b] >= threshold {
                column.append(Int32(b)); real.append(Float(re[b])); imag.append(Float(im[b]))
            }
            rowStart.append(column.count)
        }
        return ConstantQBasis(nFFT: nFFT, rows: bins, rowStart: rowStart, column: column, real: real, imag: imag)
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [CacheKey: ConstantQBasis] = [:]

    private struct CacheKey: Hashable {
        let sr: Double, fmin: Double, bins: Int, binsPerOctave: Int, filterScale: Double, sparsity: Double
    }

    /// `make`, memoised: a recording's bases depend only on its rate and estimated tuning
    /// (100 possible values), so a corpus needs few. Bounded to 512 entries.
    static func cached(sampleRate sr: Double, fmin: Double, bins: Int, binsPerOctave: Int,
                       filterScale: Double, sparsity: Double) throws -> ConstantQBasis {
        let key = CacheKey(sr: sr, fmin: fmin, bins: bins, binsPerOctave: binsPerOctave,
                           filterScale: filterScale, sparsity: sparsity)
        cacheLock.lock()
        if let hit = cache[key] { cacheLock.unlock(); return hit }
        cacheLock.unlock()
        let basis = try make(sampleRate: sr, fmin: fmin, bins: bins, binsPerOctave: binsPerOctave,
                             filterScale: filterScale, sparsity: sparsity)
        cacheLock.lock()
        if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
        cache[key] = basis
        cacheLock.unlock()
        return basis
    }
}
