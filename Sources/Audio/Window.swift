import Foundation

/// Window functions, as `scipy.signal.get_window` builds them for librosa.
public enum Window {
    /// The periodic Hann window of `length` samples (`get_window('hann', length,
    /// fftbins=True)`): one period of a raised cosine, `w[0] = 0`, not symmetric, so
    /// that shifted copies at hop `length/4` sum to a constant. Computed in Double as
    /// scipy does.
    public static func hann(_ length: Int) -> [Double] {
        guard length > 1 else { return [Double](repeating: 1, count: max(length, 0)) }
        // scipy evaluates the symmetric window of length+1 on linspace(-pi, pi) and
        // drops the last point; cos(-pi + 2 pi n / N) written this way keeps its rounding.
        let step = 2 * Double.pi / Double(length)
        return (0..<length).map { n in 0.5 + 0.5 * cos(-Double.pi + Double(n) * step) }
    }

    /// `hann(length)`, kept for the few lengths the transforms use: every STFT and
    /// inverse of a recording needs the 2048-sample window, and its cosines were most of a
    /// percent of the recipe's time.
    static func cachedHann(_ length: Int) -> [Double] {
        hannWindows.value(for: length) { hann(length) }
    }

    private static let hannWindows = LeastRecentlyUsedCache<Int, [Double]>(capacity: 8)
}
