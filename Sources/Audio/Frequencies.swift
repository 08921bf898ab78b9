import Foundation

/// Frequency scales (librosa `core/convert.py`), computed in Double as librosa does.
public enum Frequencies {
    /// `np.linspace(start, stop, count, endpoint)`, reproducing numpy's rounding
    /// (`start + i * step`, the last point set to `stop` exactly when `endpoint`).
    public static func linspace(_ start: Double, _ stop: Double, count: Int, endpoint: Bool = true) -> [Double] {
        guard count > 0 else { return [] }
        let div = endpoint ? count - 1 : count
        guard div > 0 else { return [start] }
        let step = (stop - start) / Double(div)
        var out = (0..<count).map { Double($0) * step + start }
        if endpoint && count > 1 { out[count - 1] = stop }
        return out
    }

    /// Centre frequency of each STFT bin: `fft_frequencies(sr, n_fft)`.
    public static func fft(sampleRate: Double, nFFT: Int) -> [Double] {
        linspace(0, sampleRate / 2, count: 1 + nFFT / 2)
    }

    private static let slaneyStep = 200.0 / 3          // Hz per mel below 1 kHz
    private static let minLogHz = 1000.0
    private static let minLogMel = 1000.0 / (200.0 / 3)
    private static let logStep = log(6.4) / 27.0

    /// Hz to mels on the Slaney scale (`hz_to_mel(htk=False)`): linear below 1 kHz,
    /// logarithmic above.
    public static func hzToMel(_ hz: Double) -> Double {
        hz >= minLogHz ? minLogMel + log(hz / minLogHz) / logStep : hz / slaneyStep
    }

    /// Mels to Hz on the Slaney scale (`mel_to_hz(htk=False)`).
    public static func melToHz(_ mel: Double) -> Double {
        mel >= minLogMel ? minLogHz * exp(logStep * (mel - minLogMel)) : slaneyStep * mel
    }

    /// `mel_frequencies(count, fmin, fmax, htk=False)`: `count` frequencies evenly
    /// spaced in mels.
    public static func mel(count: Int, fmin: Double, fmax: Double) -> [Double] {
        linspace(hzToMel(fmin), hzToMel(fmax), count: count).map(melToHz)
    }

    /// Octave number relative to C0 for a tuning offset in fractions of a bin
    /// (`hz_to_octs`), in Double.
    public static func hzToOctaves(_ hz: Double, tuning: Double = 0, binsPerOctave: Int = 12) -> Double {
        let a440 = 440.0 * pow(2.0, tuning / Double(binsPerOctave))
        return log2(hz / (a440 / 16))
    }
}
