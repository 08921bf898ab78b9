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
            let (angle, special) = LaneAtan2.atan2Flagged(y, x)
            // Without a special lane every angle lies in [-pi, pi]: no range check.
            if lanesSinCos && !special {
                let (s0, c0) = LaneSinCos.sinCos(angle.lowHalf.lowHalf, checked: false)!
                let (s1, c1) = LaneSinCos.sinCos(angle.lowHalf.highHalf, checked: false)!
                let (s2, c2) = LaneSinCos.sinCos(angle.highHalf.lowHalf, checked: false)!
                let (s3, c3) = LaneSinCos.sinCos(angle.highHalf.highHalf, checked: false)!
                let sine = LaneAtan2.Lanes(lowHalf: SIMD8(lowHalf: s0, highHalf: s1), highHalf: SIMD8(lowHalf: s2, highHalf: s3))
                let cosine = LaneAtan2.Lanes(lowHalf: SIMD8(lowHalf: c0, highHalf: c1), highHalf: SIMD8(lowHalf: c2, highHalf: c3))
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
            slowGroup(angle, special, scaled + i, intoRe + i, intoIm + i, lanesSinCos)
            i += width
        }
    }
    while i < count {
        (intoRe[i], intoIm[i]) = maskedBin(re[i], im[i], scaled[i])
        i += 1
    }
}

/// One group of `applyMaskedBins` off its main path: a special lane in the angles, or
/// sines and cosines from the library.
@inline(never)
private func slowGroup(_ angle: LaneAtan2.Lanes, _ special: Bool, _ scaled: UnsafePointer<Float>,
                       _ intoRe: UnsafeMutablePointer<Float>, _ intoIm: UnsafeMutablePointer<Float>, _ lanesSinCos: Bool) {
    let width = LaneAtan2.Lanes.scalarCount
    // LaneSinCos works on eight lanes (as four Doubles each): two calls.
    if lanesSinCos, let (sineLow, cosineLow) = LaneSinCos.sinCos(angle.lowHalf, checked: special),
       let (sineHigh, cosineHigh) = LaneSinCos.sinCos(angle.highHalf, checked: special) {
        let sine = LaneAtan2.Lanes(lowHalf: sineLow, highHalf: sineHigh)
        let cosine = LaneAtan2.Lanes(lowHalf: cosineLow, highHalf: cosineHigh)
        let s = UnsafeRawPointer(scaled).loadUnaligned(as: LaneAtan2.Lanes.self)
        // 0 times a unit phase is +0 in both parts, whatever the phase's signs.
        let zero = s .== 0
        UnsafeMutableRawPointer(intoRe).storeBytes(of: (s * cosine).replacing(with: 0, where: zero), as: LaneAtan2.Lanes.self)
        UnsafeMutableRawPointer(intoIm).storeBytes(of: (s * sine).replacing(with: 0, where: zero), as: LaneAtan2.Lanes.self)
        return
    }
    for l in 0..<width {
        let s = scaled[l]
        if s == 0 { intoRe[l] = 0; intoIm[l] = 0; continue }  // 0 times a unit phase
        let (sine, cosine) = MaskedBinLanes.sinCos(angle[l])
        intoRe[l] = s * cosine
        intoIm[l] = s * sine
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
