#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Keras `LSTM(units, return_sequences)` on (None, timesteps, features).
///
/// Weights in Keras's layout: `kernel` (features, 4·units), `recurrent_kernel`
/// (units, 4·units), `bias` (4·units), the four blocks being the gates i, f, c, o.
/// Glorot-uniform kernel, orthogonal recurrent kernel, bias zero except ones for the
/// forget gate (unit_forget_bias). Per step, from h = c = 0:
/// z = x·W + h·U + b; i, f, o = σ(z_i, z_f, z_o); g = tanh(z_c);
/// c = f·c + i·g; h = o·tanh(c).
public final class LSTM: Layer {
    public let units: Int
    public let returnSequences: Bool
    public var name = ""
    public var typeName: String { "LSTM" }
    public var baseName: String { "lstm" }
    public private(set) var parameters: [Parameter] = []

    private var steps = 0, features = 0
    private var input: UnsafePointer<Float>?
    // Caches over (batch, steps): activated gates (4·units), cell states, hidden states.
    private let gates = FloatBuffer()
    private let cells = FloatBuffer()
    private let cellTanh = FloatBuffer()
    private let hidden = FloatBuffer()
    private let output = FloatBuffer()
    private let gateGradient = FloatBuffer()
    private let hiddenGradient = FloatBuffer()
    private let cellGradient = FloatBuffer()
    private let inputGradient = FloatBuffer()

    public init(_ units: Int, returnSequences: Bool = false) {
        self.units = units
        self.returnSequences = returnSequences
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw LearnError.shapeMismatch(layer: name, expected: "(None, timesteps, features)", actual: inputShape)
        }
        guard units > 0 else { throw LearnError.invalidLayer(layer: name, reason: "units must be positive, got \(units)") }
        steps = inputShape[0]; features = inputShape[1]
        var bias = [Float](repeating: 0, count: 4 * units)
        for j in units..<(2 * units) { bias[j] = 1 }
        parameters = [
            Parameter("kernel", shape: [features, 4 * units],
                      values: Initializers.glorotUniform([features, 4 * units], rng: &rng)),
            Parameter("recurrent_kernel", shape: [units, 4 * units],
                      values: Initializers.orthogonal(rows: units, cols: 4 * units, rng: &rng)),
            Parameter("bias", shape: [4 * units], values: bias),
        ]
        return returnSequences ? [steps, units] : [units]
    }

    @inline(__always) private static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// Threads for the per-sample gate loops: all of Learn's once a step has 2,048 values
    /// (the tutorial's batch of 16 × 256 units), else one, as waking a thread costs more.
    private func gateParts(_ batch: Int) -> Int { batch * units >= 2048 ? LearnBackend.threads : 1 }

    public func forward(_ x: UnsafePointer<Float>, batch: Int, context: RunContext) -> UnsafePointer<Float> {
        input = x
        let u = units, g4 = 4 * units, rows = batch * steps
        let z = gates.resize(rows * g4)
        let c = cells.resize(rows * u), ct = cellTanh.resize(rows * u), h = hidden.resize(rows * u)
        let bias = parameters[2].value.pointer
        for r in 0..<rows { (z + r * g4).update(from: bias, count: g4) }
        // The input part of every step at once: (batch·steps, features) · (features, 4u).
        // (Over one timestep the forget gate's columns are not needed, but leaving them
        // out of the product made it slower, and changed the other columns' last bits.)
        BLAS.splitGemm(false, false, m: rows, n: g4, k: features, x, lda: features,
                       parameters[0].value.pointer, ldb: g4, beta: 1, z, ldc: g4)
        for t in 0..<steps {
            if t > 0 {  // h₀ = 0 adds nothing at the first step
                BLAS.gemm(false, false, m: batch, n: g4, k: u, h + (t - 1) * u, lda: steps * u,
                          parameters[1].value.pointer, ldb: g4, beta: 1, z + t * g4, ldc: steps * g4)
            }
            // Each sample's gates are its own: the samples are split across Learn's threads.
            Workers.forEach(count: batch, parts: gateParts(batch)) { _, samples in
                for b in samples {
                    let row = b * steps + t
                    let zr = z + row * g4, cr = c + row * u, tr = ct + row * u, hr = h + row * u
                    let previous: UnsafeMutablePointer<Float>? = t > 0 ? c + (row - 1) * u : nil
                    // The two tanh go eight units at a time (LaneTanh, the library's bits).
                    LaneTanh.apply(zr + 2 * u, into: zr + 2 * u, count: u)
                    for j in 0..<u {
                        // At the first step the forget gate multiplies c₀ = 0: it plays no part.
                        let i = LSTM.sigmoid(zr[j]), f = t > 0 ? LSTM.sigmoid(zr[u + j]) : 0
                        let g = zr[2 * u + j], o = LSTM.sigmoid(zr[3 * u + j])
                        zr[j] = i; zr[u + j] = f; zr[3 * u + j] = o
                        cr[j] = (previous.map { f * $0[j] } ?? 0) + i * g
                    }
                    LaneTanh.apply(cr, into: tr, count: u)
                    for j in 0..<u { hr[j] = zr[3 * u + j] * tr[j] }
                }
            }
        }
        if returnSequences { return UnsafePointer(h) }
        let y = output.resize(batch * u)
        for b in 0..<batch { (y + b * u).update(from: h + (b * steps + steps - 1) * u, count: u) }
        return UnsafePointer(y)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, needsInputGradient: Bool) -> UnsafePointer<Float>? {
        guard let x = input else { return nil }
        let u = units, g4 = 4 * units, rows = batch * steps
        let a = gates.pointer, c = cells.pointer, ct = cellTanh.pointer, h = hidden.pointer
        let dz = gateGradient.resize(rows * g4)
        let dh = hiddenGradient.resize(batch * u), dc = cellGradient.resize(batch * u)
        dh.update(repeating: 0, count: batch * u)
        dc.update(repeating: 0, count: batch * u)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            // Gradient reaching h_t: from the output, plus (already in dh) from step t+1.
            Workers.forEach(count: batch, parts: gateParts(batch)) { _, samples in
                for b in samples {
                    let row = b * steps + t
                    let incoming = returnSequences ? dy + row * u : (t == steps - 1 ? dy + b * u : nil)
                    let ar = a + row * g4, dzr = dz + row * g4
                    let dhr = dh + b * u, dcr = dc + b * u
                    for j in 0..<u {
                        let i = ar[j], f = ar[u + j], g = ar[2 * u + j], o = ar[3 * u + j]
                        let gradH = dhr[j] + (incoming?[j] ?? 0)
                        let tc = ct[row * u + j]
                        let gradC = dcr[j] + gradH * o * (1 - tc * tc)
                        let cPrevious: Float = t > 0 ? c[(row - 1) * u + j] : 0
                        dzr[j] = gradC * g * i * (1 - i)
                        dzr[u + j] = gradC * cPrevious * f * (1 - f)
                        dzr[2 * u + j] = gradC * i * (1 - g * g)
                        dzr[3 * u + j] = gradH * tc * o * (1 - o)
                        dcr[j] = gradC * f
                    }
                }
            }
            if t > 0 {  // dh_{t-1} = dz_t · Uᵀ
                BLAS.gemm(false, true, m: batch, n: u, k: g4, dz + t * g4, lda: steps * g4,
                          parameters[1].value.pointer, ldb: g4, dh, ldc: u)
            }
        }
        let kernel = parameters[0], recurrent = parameters[1], bias = parameters[2]
        BLAS.splitGemm(true, false, m: features, n: g4, k: rows, x, lda: features, dz, ldb: g4,
                       beta: kernel.gradientProductBeta(), kernel.gradient.pointer, ldc: g4)
        // Over a single step dz_f = 0 exactly, so the forget gate's columns of the kernel
        // and bias gradients are zeros: Adam can skip a quarter of the layer.
        let forgetColumns = steps == 1 ? u..<(2 * u) : 0..<0
        kernel.zeroGradientColumns = forgetColumns
        bias.zeroGradientColumns = forgetColumns
        let dU = recurrent.gradient.pointer
        // With one step the recurrent gradient is zero every batch: clear it once, not
        // every batch (a megabyte per layer).
        if recurrent.zeroGradientColumns.isEmpty { dU.update(repeating: 0, count: u * g4) }
        recurrent.zeroGradientColumns = steps == 1 ? 0..<g4 : 0..<0
        for t in 1..<max(steps, 1) {
            BLAS.gemm(true, false, m: u, n: g4, k: batch, h + (t - 1) * u, lda: steps * u,
                      dz + t * g4, ldb: steps * g4, beta: 1, dU, ldc: g4)
        }
        Vector.columnSums(dz, rows: rows, columns: g4, into: bias.gradient.pointer)
        guard needsInputGradient else { return nil }
        let dx = inputGradient.resize(rows * features)
        BLAS.splitGemm(false, true, m: rows, n: features, k: g4, dz, lda: g4,
                       kernel.value.pointer, ldb: g4, dx, ldc: features)
        return UnsafePointer(dx)
    }
}
