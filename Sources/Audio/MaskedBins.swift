import Foundation

#if canImport(Glibc)
import Glibc

/// glibc's `sincosf` (a GNU extension the Swift module does not export).
@_silgen_name("sincosf")
private func glibcSincosf(_ x: Float, _ sine: UnsafeMutablePointer<Float>, _ cosine: UnsafeMutablePointer<Float>)
#endif

/// `maskedBin` over a run of bins in place: bin `i` of the STFT (`re[i]`, `im[i]`)
/// becomes `scaled[i] * exp(i angle)`, with the same bits as `maskedBin`.
///
/// Eight bins at a time: the angles come from `LaneAtan2`, and their sines and cosines
/// from `LaneSinCos` or else one `sincosf` call per bin, when these give the same bits
/// as `atan2f`, `cosf` and `sinf` on this platform (checked once on samples); otherwise
/// bin by bin through `maskedBin`. (glibc's `sincosf` evaluates the same polynomials as
/// its `sinf` and `cosf`; checked for every Float in [-pi, pi], the range of an angle.)
func applyMaskedBins(re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
                     scaled: UnsafePointer<Float>, count: Int) {
    let width = LaneAtan2.Lanes.scalarCount
    var i = 0
    if MaskedBinLanes.available {
        let lanesSinCos = LaneSinCos.matchesPlatform
        while i + width <= count {
            let x = UnsafeRawPointer(re + i).loadUnaligned(as: LaneAtan2.Lanes.self)
            let y = UnsafeRawPointer(im + i).loadUnaligned(as: LaneAtan2.Lanes.self)
            let angle = LaneAtan2.atan2(y, x)
            if lanesSinCos, let (sine, cosine) = LaneSinCos.sinCos(angle) {
                let s = UnsafeRawPointer(scaled + i).loadUnaligned(as: LaneAtan2.Lanes.self)
                // 0 times a unit phase is +0 in both parts, whatever the phase's signs.
                let zero = s .== 0
                UnsafeMutableRawPointer(re + i).storeBytes(of: (s * cosine).replacing(with: 0, where: zero),
                                                           as: LaneAtan2.Lanes.self)
                UnsafeMutableRawPointer(im + i).storeBytes(of: (s * sine).replacing(with: 0, where: zero),
                                                           as: LaneAtan2.Lanes.self)
                i += width
                continue
            }
            for l in 0..<width {
                let s = scaled[i + l]
                if s == 0 { re[i + l] = 0; im[i + l] = 0; continue }  // 0 times a unit phase
                let (sine, cosine) = MaskedBinLanes.sinCos(angle[l])
                re[i + l] = s * cosine
                im[i + l] = s * sine
            }
            i += width
        }
    }
    while i < count {
        (re[i], im[i]) = maskedBin(re[i], im[i], scaled[i])
        i += 1
    }
}

/// Whether the eight-lane path reproduces the scalar one here, and its sine/cosine.
enum MaskedBinLanes {
    static let available: Bool = LaneAtan2.matchesPlatform && sinCosMatchesPlatform

    @inline(__always)
    static func sinCos(_ x: Float) -> (Float, Float) {
        #if canImport(Glibc)
        var s: Float = 0, c: Float = 0
        glibcSincosf(x, &s, &c)
        return (s, c)
        #else
        return (sinf(x), cosf(x))
        #endif
    }

    /// `sinCos` against `sinf` and `cosf` on a sweep of angles over [-pi, pi].
    private static let sinCosMatchesPlatform: Bool = {
        var x = -Float.pi
        while x <= Float.pi {
            let (s, c) = sinCos(x)
            if s.bitPattern != sinf(x).bitPattern || c.bitPattern != cosf(x).bitPattern { return false }
            x = x.nextUp + Float(1e-4)
        }
        return true
    }()
}
