/// im2col and its inverse for the unfolded convolution: row (b, t) of the columns holds
/// the kernel's taps over input steps t·stride - padLeft + k·dilation (k < kernelSize),
/// zero outside the sequence.
extension Conv1D {
    func fillColumns(from x: UnsafePointer<Float>, batch: Int) {
        let col = columns.resize(batch * convolvedSteps * patch)
        col.update(repeating: 0, count: batch * convolvedSteps * patch)
        forEachRun(batch: batch) { column, input, count in (col + column).update(from: x + input, count: count) }
    }

    /// The input gradient from the columns' gradient `dcol`: each tap's value added back to
    /// the input step it was read from, in the order of the rows.
    func scatterColumns(_ dcol: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        let dx = inputGradient.resize(batch * steps * channels)
        dx.update(repeating: 0, count: batch * steps * channels)
        forEachRun(batch: batch) { column, input, count in
            for i in 0..<count { dx[input + i] += dcol[column + i] }
        }
        return UnsafePointer(dx)
    }

    /// Calls `body(column, input, count)` for each run of taps that read the sequence, row
    /// by row: where the run starts in the columns and in the input, and its length in
    /// values. Contiguous taps (dilation 1) make one run per row; dilated taps one each.
    private func forEachRun(batch: Int, _ body: (Int, Int, Int) -> Void) {
        let p = patch
        for b in 0..<batch {
            for t in 0..<convolvedSteps {
                let row = (b * convolvedSteps + t) * p, first = t * strides - padLeft
                if dilationRate == 1 {
                    let lo = max(0, -first), hi = min(kernelSize, steps - first)
                    if hi > lo { body(row + lo * channels, (b * steps + first + lo) * channels, (hi - lo) * channels) }
                    continue
                }
                for k in 0..<kernelSize {
                    let s = first + k * dilationRate
                    if s >= 0 && s < steps { body(row + k * channels, (b * steps + s) * channels, channels) }
                }
            }
        }
    }
}
