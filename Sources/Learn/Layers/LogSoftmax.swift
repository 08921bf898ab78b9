#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// log_softmax over each row of the last axis (Keras's axis -1), as TensorFlow's
/// LogSoftmax kernel takes it: s = x - max, then s - log(Σ exp(s)). Written that way, not
/// as log(softmax(x)), it stays finite where softmax underflows to 0 (a value 1e3 below
/// the row's largest gives -1e3, not -inf); only a difference that itself overflows to
/// -inf (x = -3e38 beside 3e38) gives -inf, as in TensorFlow.
extension Activation.Function {
    static func logSoftmax(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let zr = z + r * width, yr = y + r * width
            let m = Softmax.rowMax(zr, width: width)
            var sum: Float = 0
            for j in 0..<width { yr[j] = zr[j] - m; sum += expf(yr[j]) }
            let logSum = logf(sum)
            for j in 0..<width { yr[j] -= logSum }
        }
    }

    /// TensorFlow's LogSoftmax gradient, from the output: dy - (Σ dy)·exp(y), row by row.
    static func logSoftmaxGradient(_ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                                   into dz: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let o = r * width
            var sum: Float = 0
            for j in 0..<width { sum += dy[o + j] }
            for j in 0..<width { dz[o + j] = dy[o + j] - sum * expf(y[o + j]) }
        }
    }
}
