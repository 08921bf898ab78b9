/// A one-channel BatchNormalization that is the model's first layer, folded into the
/// Conv1D after it (si_cnn's input block).
///
/// The normalisation's output is y = γ·x̂ + β, so the convolution of y is
/// γ·(x̂ ∗ W) + β·(1 ∗ W) + b, where 1 marks the positions inside the sequence (the
/// padding is zero in y, not β). Working from x̂ means the backward pass needs no
/// gradient with respect to y at all, only γ and β's, which are sums over the kernel:
/// with D = x̂colᵀ·dY and M = 1colᵀ·dY (both kernel × filters),
/// dW = γ·D + β·M, dγ = Σ W⊙D, dβ = Σ W⊙M. That drops one of the three large
/// products per batch. M is a sum of dY over the valid steps of each kernel tap, taken
/// from running sums over the steps. With one input channel, x̂ ∗ W and D are plain
/// cross-correlations, computed through the FFT (FourierCorrelation).
extension Conv1D {
    /// Whether `normalization` can be folded in: one input channel and one BN channel, and
    /// the layer in the shape the FFT correlation computes (see `hasFoldableOptions`).
    func canFold(_ normalization: BatchNormalization) -> Bool {
        hasFoldableOptions && channels == 1 && normalization.parameters.count == 4 && normalization.parameters[0].count == 1
    }

    /// The steps t' = t + k - padLeft of tap k that fall inside the sequence: t in lo..<hi.
    @inline(__always)
    func validSteps(tap k: Int) -> (lo: Int, hi: Int) {
        (max(0, padLeft - k), min(steps, steps + padLeft - k))
    }

    /// The FFT products of the folded layer (see FourierCorrelation), made on first use.
    func fourierCorrelation() -> FourierCorrelation {
        if let made = fourier { return made }
        let made = FourierCorrelation(steps: steps, kernelSize: kernelSize, padLeft: padLeft, filters: filters)
        fourier = made
        return made
    }

    func foldedForward(_ bn: BatchNormalization, batch: Int) -> UnsafePointer<Float> {
        let rows = batch * steps
        guard let x = bn.input else { return UnsafePointer(output.pointer) }
        let mean = bn.mean[0], inverseStd = bn.inverseStd[0]
        let gamma = bn.parameters[0].value.pointer[0], beta = bn.parameters[1].value.pointer[0]
        // x̂ once per sample, then its transform.
        let normalized = scratch.resize(rows)
        for i in 0..<rows { normalized[i] = (x[i] - mean) * inverseStd }
        let fourier = fourierCorrelation()
        fourier.transformInputs(normalized, batch: batch)
        // Bias plus β times the sum of the taps inside the sequence, per step.
        let steps = self.steps, filters = self.filters, kernelSize = self.kernelSize, padLeft = self.padLeft
        let kernel = parameters[0].value.pointer, bias = parameters[1].value.pointer
        let shift = shiftBuffer.resize(steps * filters)
        let running = runningBuffer.resize((kernelSize + 1) * filters)  // running[k] = Σ_{k'<k} W[k']
        running.update(repeating: 0, count: filters)
        for k in 0..<kernelSize {
            Vector.add(running + k * filters, kernel + k * filters, into: running + (k + 1) * filters, count: filters)
        }
        for t in 0..<steps {
            // Taps k with 0 <= t + k - padLeft < steps.
            let lo = max(0, padLeft - t), hi = min(kernelSize, steps + padLeft - t)
            Vector.shift(bias, beta, running + hi * filters, minus: running + lo * filters,
                         into: shift + t * filters, count: filters)
        }
        let y = output.resize(batch * outputSteps * filters)
        fourier.transformKernel(kernel)
        fourier.correlate(batch: batch, scale: gamma, shift: shift, pooling: fourierPooling(batch: batch), into: y)
        return UnsafePointer(y)
    }

    func foldedBackward(_ bn: BatchNormalization, _ dy: UnsafePointer<Float>, batch: Int) {
        let kernel = parameters[0], bias = parameters[1]
        let gamma = bn.parameters[0].value.pointer[0], beta = bn.parameters[1].value.pointer[0]
        let d = kernel.gradient.pointer
        let pooling = fourierPooling(batch: batch)
        fourierCorrelation().kernelGradient(dy, batch: batch, pooling: pooling, into: d)
        let steps = self.steps, filters = self.filters, kernelSize = self.kernelSize
        let running = runningSteps.resize((steps + 1) * filters)
        if let pooling {
            runningSumsOfPooledGradient(dy, batch: batch, pooling: pooling, into: running)
        } else {
            runningSumsOfGradient(dy, batch: batch, into: running)
        }
        let db = bias.gradient.pointer
        for f in 0..<filters { db[f] = running[steps * filters + f] }
        // M first, eight filters at a time; then the two sums, in the order of the
        // weights and in Double (a chain of dependent adds, kept apart so that it is the
        // only thing the loop waits on); then dW.
        let m = tapSums.resize(kernelSize * filters)
        for k in 0..<kernelSize {
            // Tap k reads input step t + k - padLeft: output steps lo..<hi see real input.
            let (lo, hi) = validSteps(tap: k)
            if hi > lo {
                Vector.subtract(running + lo * filters, from: running + hi * filters, into: m + k * filters, count: filters)
            } else {
                // A tap that reads only padding (a kernel more than twice the sequence):
                // its gradient is exactly zero, as Keras's is, not the FFT's rounding
                // noise, which Adam would turn into steps of a tenth of the learning rate.
                (m + k * filters).update(repeating: 0, count: filters)
                (d + k * filters).update(repeating: 0, count: filters)
            }
        }
        var dGamma: Double = 0, dBeta: Double = 0
        let w = kernel.value.pointer
        for i in 0..<(kernelSize * filters) {
            dGamma += Double(w[i] * d[i])
            dBeta += Double(w[i] * m[i])
        }
        Vector.combine(gamma, d, beta, m, into: d, count: kernelSize * filters)
        bn.parameters[0].gradient.pointer[0] = Float(dGamma)
        bn.parameters[1].gradient.pointer[0] = Float(dBeta)
    }

    /// S[t] = Σ_{t'<t} Σ_b dY[b, t'] per filter: (steps + 1) × filters.
    /// Explicit SIMD adds: the compiler cannot prove the rows and the sums apart, so the
    /// scalar loop stayed scalar. Each lane adds the samples in order, and the filters are
    /// split across Learn's threads (a filter's sums are its own).
    func runningSumsOfGradient(_ dy: UnsafePointer<Float>, batch: Int, into running: UnsafeMutablePointer<Float>) {
        let steps = self.steps, filters = self.filters
        running.update(repeating: 0, count: filters)
        Workers.forEach(count: filters, parts: LearnBackend.threads) { _, range in
            let first = range.lowerBound, width = range.count
            for t in 0..<steps {
                let sum = running + (t + 1) * filters + first
                sum.update(from: running + t * filters + first, count: width)
                for b in 0..<batch { Vector.add(dy + (b * steps + t) * filters + first, into: sum, count: width) }
            }
        }
    }
}
