import Foundation

#if canImport(Glibc)
import Glibc

/// glibc's `sincosf` (a GNU extension the Swift module does not export).
@_silgen_name("sincosf")
private func glibcSincosf(_ x: Float, _ sine: UnsafeMutablePointer<Float>, _ cosine: UnsafeMutablePointer<Float>)
#endif

/// `maskedBin` over a run of bins: bin `i` of the STFT (`re[i]`, `im[i]`) becomes
/// `scaled[i] * exp(i angle)` in (`intoRe[i]`, `intoIm[i]`), with the same bits as
/// `maskedBin`. The destination may be the source (in place).
///
/// Sixteen bins at a time: the angles come from `LaneAtan2`, and their sines and cosines
/// from `LaneSinCos` or else one `sincosf` call per bin, when these give the same bits
/// as `atan2f`, `cosf` and `sinf` on this platform (checked once on samples); otherwise
/// bin by bin through `maskedBin`. (glibc's `sincosf` evaluates the same polynomials as
/// its `sinf` and `cosf`; checked for every Float in [-pi, pi], the range of an angle.)
func applyMaskedBins(re: UnsafePointer<Float>, im: UnsafePointer<Float>, scaled: UnsafePointer<Float>, count: Int,
                     intoRe: UnsafeMutablePointer<Float>, intoIm: UnsafeMutablePointer<Float>) {
    let width = LaneAtan2.Lanes.scalarCount
    var i = 0
    if MaskedBinLanes.available {
        let lanesSinCos = LaneSinCos.matchesPlatform
        while i + width <= count {
            let x = UnsafeRawPointer(re + i).loadUnaligned(as: LaneAtan2.Lanes.self)
            let y = UnsafeRawPointer(im + i).loadUnaligned(as: LaneAtan2.Lanes.self)
            let angle = LaneAtan2.atan2(y, x)
            // LaneSinCos works on eight lanes (as four Doubles each): two calls.
            if lanesSinCos, let (sineLow, cosineLow) = LaneSinCos.sinCos(angle.lowHalf),
               let (sineHigh, cosineHigh) = LaneSinCos.sinCos(angle.highHalf) {
                let sine = LaneAtan2.Lanes(lowHalf: sineLow, highHalf: sineHigh)
                let cosine = LaneAtan2.Lanes(lowHalf: cosineLow, highHalf: cosineHigh)
                let s = UnsafeRawPointer(scaled + i).loadUnaligned(as: LaneAtan2.Lanes.self)
                // 0 times a unit phase is +0 in both parts, whatever the phase's signs.
                let zero = s .== 0
                UnsafeMutableRawPointer(intoRe + i).storeBytes(of: (s * cosine).replacing(with: 0, where: zero),
                                                               as: LaneAtan2.Lanes.self)
                UnsafeMutableRawPointer(intoIm + i).storeBytes(of: (s * sine).replacing(with: 0, where: zero),
                                                               as: LaneAtan2.Lanes.self)
                i += width
                continue
            }
            for l in 0..<width {
                let s = scaled[i + l]
                if s == 0 { intoRe[i + l] = 0; intoIm[i + l] = 0; continue }  // 0 times a unit phase
                let (sine, cosine) = MaskedBinLanes.sinCos(angle[l])
                intoRe[i + l] = s * cosine
                intoIm[i + l] = s * sine
            }
            i += width
        }
    }
    while i < count {
        (intoRe[i], intoIm[i]) = maskedBin(re[i], im[i], scaled[i])
        i += 1
    }
}

/// Whether the lane path reproduces the scalar one here, and its sine/cosine.
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
