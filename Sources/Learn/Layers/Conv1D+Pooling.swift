/// A MaxPooling1D (with the ReLU folded into it, if any) after si_cnn's folded
/// convolution, applied inside the convolution.
///
/// Unfolded, each batch's convolution output (batch × 386 × 256 floats, 6.3 MB) went
/// out to memory to be read back by the pooling, and in the backward pass the pooling's
/// mostly-zero gradient of the same size went out and back again, twice. Folded, the FFT
/// correlation pools each block of filters while it is in cache and writes only the
/// pooled output and its winners; the backward pass expands the pooled gradient one
/// block at a time, in cache, where the FFT reads it. The pooling runs the same loops
/// (MaxPoolingKernels) on the same values, so results are bit-identical. Windows of two
/// (si_cnn's) pool in FFTW's row layout instead and transpose only the pooled half
/// (PairPooling), with the same comparisons.
extension Conv1D {
    /// Steps of the layer's output as the next layer sees it: pooled when folded.
    var outputSteps: Int {
        guard let pool = foldedPooling else { return steps }
        return steps / pool.poolSize
    }

    /// The pooling the FFT correlation applies, with room for `batch` samples' winners.
    func fourierPooling(batch: Int) -> FourierCorrelation.Pooling? {
        guard let pool = foldedPooling else { return nil }
        let taps = poolingWinners.resize(batch * outputSteps * filters)
        return FourierCorrelation.Pooling(size: pool.poolSize, ramp: pool.appliesReLU, taps: taps)
    }

    /// S[t] = Σ_{t'<t} Σ_b dY[b, t'] per filter, as `runningSumsOfGradient` computes it
    /// (the same additions in the same order), from the pooled gradient: dY[b, t] is
    /// the pooled value where step t won its window, else zero.
    func runningSumsOfPooledGradient(_ pooled: UnsafePointer<Float>, batch: Int, pooling: FourierCorrelation.Pooling,
                                     into running: UnsafeMutablePointer<Float>) {
        let steps = self.steps, filters = self.filters, outSteps = outputSteps, pool = pooling.size
        let taps = UnsafePointer(pooling.taps)
        running.update(repeating: 0, count: filters)
        Workers.forEach(count: filters, parts: LearnBackend.threads) { _, range in
            let first = range.lowerBound, width = range.count
            let vectorEnd = first + width - width % 8
            for t in 0..<steps {
                let sum = running + (t + 1) * filters
                (sum + first).update(from: running + t * filters + first, count: width)
                guard t < outSteps * pool else { continue }  // past the last window: no gradient (adding +0)
                let window = t / pool, tap = t % pool
                for b in 0..<batch {
                    let o = (b * outSteps + window) * filters
                    var f = first
                    while f < vectorEnd {
                        let bits = UnsafeRawPointer(pooled + o + f).loadUnaligned(as: SIMD8<Int32>.self)
                            & MaxPoolingKernels.winnerMask(taps + o + f, tap: tap)
                        let value = unsafeBitCast(bits, to: SIMD8<Float>.self)
                        (SIMD8<Float>(loading: sum + f) + value).store(to: sum + f)
                        f += 8
                    }
                    while f < first + width {
                        sum[f] += taps[o + f] == Int8(tap) ? pooled[o + f] : 0
                        f += 1
                    }
                }
            }
        }
    }
}
