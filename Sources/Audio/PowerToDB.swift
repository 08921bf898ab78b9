import Foundation

/// Power to decibels, librosa 0.8.1 `power_to_db(S, ref, amin, top_db)` on a float32
/// spectrogram: `10·log10(max(amin, S)) - 10·log10(max(amin, ref))`, then floored at
/// (maximum over the whole matrix) − `topDB` when `topDB` is given. Float throughout.
/// As in librosa, `ref`'s magnitude is used.
///
/// Degenerate matrices give librosa's values where it has any: a NaN stays NaN, and with
/// `topDB` makes every value NaN; +infinity makes every value +infinity with `topDB`.
/// Without frames the result is empty, as librosa's with `top_db=None`; with `top_db`
/// librosa raises (numpy's maximum of an empty array), but no value is there for the
/// floor to change, so the empty result is given here too.
///
/// - Throws: `AudioError.invalidParameter` unless `amin` is positive and `topDB`, when
///   given, is not negative (librosa raises for either).
public func powerToDB(_ S: Matrix, ref: Float = 1, amin: Float = 1e-10, topDB: Float? = 80) throws -> Matrix {
    try ArgumentChecks.require(amin > 0 && amin.isFinite ? nil : "powerToDB: amin must be positive, got \(amin)",
                               topDB.map { $0 >= 0 && $0.isFinite } == false ? "powerToDB: top_db must be 0 or more, got \(topDB!)" : nil)
    var out = S
    // librosa takes the reference's log in float64 (ref is a Python float) and subtracts
    // it rounded to float32; formed in Float it can land one rounding away (10 log10(2)
    // is 3.0103002 in Float arithmetic, 3.0102999 rounded from Double). ref 1 gives 0 both ways.
    let offset = Float(10 * log10(Double(max(amin, abs(ref)))))
    var peak = -Float.infinity
    out.values.withUnsafeMutableBufferPointer { v in
        var i = 0
        // Eight values at a time where LaneLog10 gives the library's bits, up to the
        // first group it does not take (an infinity, or a value below the normal range,
        // which only a subnormal amin lets through); the rest one by one.
        if LaneLog10.matchesPlatform, let base = v.baseAddress {
            typealias Lanes = LaneLog10.Lanes
            let amins = Lanes(repeating: amin)
            var peaks = Lanes(repeating: -.infinity)
            while i + Lanes.scalarCount <= v.count {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: Lanes.self)
                // Swift's max(amin, x): x where x >= amin, else amin (NaN too).
                guard let lg = LaneLog10.log10(amins.replacing(with: x, where: x .>= amins)) else { break }
                var db = 10 * lg
                if offset != 0 { db -= offset }
                UnsafeMutableRawPointer(base + i).storeBytes(of: db, as: Lanes.self)
                peaks.replace(with: db, where: db .> peaks)
                i += Lanes.scalarCount
            }
            peak = peaks.max()
        }
        while i < v.count {
            var db = 10 * log10(max(amin, v[i]))
            if offset != 0 { db -= offset }
            v[i] = db
            peak = max(peak, db)
            i += 1
        }
        if let topDB, v.count > 0 {
            let floor = peak - topDB
            for i in 0..<v.count where v[i] < floor { v[i] = floor }
        }
    }
    // numpy's maximum(amin, NaN) is NaN where Swift's max gives amin, which would turn a
    // NaN into a quiet -100 dB. librosa's NaN stays, and with top_db its maximum over the
    // matrix is NaN, and so is every value floored at it.
    if ArgumentChecks.firstNaN(S.values) != nil {
        for i in out.values.indices where topDB != nil || S.values[i].isNaN { out.values[i] = .nan }
    }
    return out
}

/// `power_to_db` on float64 values (librosa applies it to spectral_contrast's float64
/// peaks and valleys): same formula, in Double.
func powerToDB(_ values: inout [Double], amin: Double = 1e-10, topDB: Double = 80) {
    var peak = -Double.infinity
    for i in 0..<values.count {
        values[i] = 10 * log10(max(amin, values[i]))
        peak = max(peak, values[i])
    }
    let floor = peak - topDB
    for i in 0..<values.count where values[i] < floor { values[i] = floor }
}
