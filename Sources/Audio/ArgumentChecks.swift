/// Checks of the arguments the feature functions share, so that a bad one is an error
/// naming the function and the value (as librosa's ParameterError) instead of a division
/// by zero, an index out of range or a matrix of NaN.
///
/// Every public function reports one as `AudioError.invalidParameter`, those that take a
/// spectrogram or build a filter bank too: a wrong matrix or value from a user's program
/// is an error it can catch and show, not a stop of the whole process.
enum ArgumentChecks {
    static func sampleRateProblem(_ sampleRate: Double, in function: String) -> String? {
        sampleRate > 0 && sampleRate.isFinite ? nil : "\(function): the sample rate must be a positive number of Hz, got \(sampleRate)"
    }

    static func stftSizesProblem(nFFT: Int, hopLength: Int, in function: String) -> String? {
        guard nFFT >= 2, hopLength >= 1 else {
            return "\(function) needs n_fft >= 2 and hop_length >= 1 (got \(nFFT), \(hopLength))"
        }
        // FFTW's plans take the size as a C int; a larger one would stop the process.
        return nFFT <= Int(Int32.max) ? nil : "\(function): n_fft must be at most \(Int32.max), FFTW's largest transform (got \(nFFT))"
    }

    /// The band a mel filter bank spans: `0 <= fmin < fmax`, both finite; `fmax` nil is
    /// Nyquist, librosa's default.
    static func melBandProblem(sampleRate: Double, fmin: Double, fmax: Double?, in function: String) -> String? {
        let top = fmax ?? sampleRate / 2
        return fmin >= 0 && fmin < top && top.isFinite ? nil : "\(function): needs 0 <= fmin < fmax, got fmin \(fmin), fmax \(top)"
    }

    /// A spectrogram `S` of `1 + n_fft/2` rows: at least two (n_fft 2).
    static func spectrogramProblem(_ S: Matrix, in function: String) -> String? {
        S.rows >= 2 ? nil : "\(function): S has \(S.rows) row(s); a spectrogram has 1 + n_fft/2 rows, at least 2"
    }

    /// A frequency such as fmin, where it is given: positive and finite.
    static func frequencyProblem(_ hz: Double?, named name: String, in function: String) -> String? {
        guard let hz, !(hz > 0 && hz.isFinite) else { return nil }
        return "\(function): \(name) must be a positive frequency, got \(hz)"
    }

    /// A tuning offset, where it is given: a finite number of bins.
    static func tuningProblem(_ tuning: Double?, in function: String) -> String? {
        guard let tuning, !tuning.isFinite else { return nil }
        return "\(function): tuning must be a finite number of bins, got \(tuning)"
    }

    /// The width of pitchTuning's histogram bins, in fractions of a bin: in (0, 1].
    static func resolutionProblem(_ resolution: Double, in function: String) -> String? {
        resolution > 0 && resolution <= 1 ? nil : "\(function): resolution must be in (0, 1], got \(resolution)"
    }

    /// A signal librosa accepts (`util.valid_audio`): every sample finite.
    static func finiteSignalProblem(_ y: [Float], in function: String) -> String? {
        guard let i = firstNonFinite(y) else { return nil }
        return "\(function): the audio is not finite everywhere (sample \(i) is \(y[i]))"
    }

    /// The index of the first NaN or infinity in `values`, if any. The recipe checks each
    /// signal several times on its way through stft, cqt and resample, and nearly always
    /// finds nothing, so sixteen lanes look first: `x - x` is 0 for every finite `x` and
    /// NaN for the others, and a NaN stays in the running sum. Only then the element-wise
    /// search (a plain `firstIndex` was 3 % of the recipe's time).
    static func firstNonFinite(_ values: [Float]) -> Int? {
        let clean: Bool = values.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var lanes = SIMD16<Float>(repeating: 0)
            var i = 0
            if let base = buffer.baseAddress {
                // Four running sums first, so the adds do not wait on one another.
                var l1 = SIMD16<Float>(repeating: 0), l2 = l1, l3 = l1
                while i + 64 <= n {
                    let v0 = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Float>.self)
                    let v1 = UnsafeRawPointer(base + i + 16).loadUnaligned(as: SIMD16<Float>.self)
                    let v2 = UnsafeRawPointer(base + i + 32).loadUnaligned(as: SIMD16<Float>.self)
                    let v3 = UnsafeRawPointer(base + i + 48).loadUnaligned(as: SIMD16<Float>.self)
                    lanes += v0 - v0; l1 += v1 - v1; l2 += v2 - v2; l3 += v3 - v3
                    i += 64
                }
                lanes += l1 + l2 + l3
                while i + 16 <= n {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Float>.self)
                    lanes += v - v
                    i += 16
                }
            }
            var rest: Float = 0
            while i < n { rest += buffer[i] - buffer[i]; i += 1 }
            return lanes == SIMD16(repeating: 0) && rest == 0
        }
        return clean ? nil : values.firstIndex { !$0.isFinite }
    }

    /// The index of the first NaN in `values`, if any: `firstNonFinite`'s lane scan
    /// first, so a finite array costs no element-by-element search (medianFilter,
    /// powerToDB and piptrack, which keep infinities but not NaN).
    static func firstNaN(_ values: [Float]) -> Int? {
        firstNonFinite(values) == nil ? nil : values.firstIndex(where: \.isNaN)
    }

    /// A matrix whose every value is finite, for the functions whose librosa result over
    /// a NaN or an infinity is not finite (the value spreads) or an error: `name` as
    /// librosa calls the argument, the position as `name[row, column]`.
    static func finiteMatrixProblem(_ m: Matrix, named name: String, in function: String) -> String? {
        guard let i = firstNonFinite(m.values) else { return nil }
        let (r, c) = i.quotientAndRemainder(dividingBy: m.columns)
        return "\(function): \(name) is not finite everywhere (\(name)[\(r), \(c)] is \(m.values[i]))"
    }

    /// A signal with samples: librosa pads before framing, and numpy cannot extend an empty
    /// axis by reflection.
    static func emptySignalProblem(_ y: [Float], in function: String) -> String? {
        y.isEmpty ? "\(function) of an empty signal" : nil
    }

    static func countProblem(_ count: Int, named name: String, in function: String) -> String? {
        count >= 1 ? nil : "\(function): \(name) must be at least 1, got \(count)"
    }

    /// Throws the first problem found.
    static func require(_ problems: String?...) throws {
        if let problem = problems.lazy.compactMap({ $0 }).first { throw AudioError.invalidParameter(problem) }
    }
}
