/// Max pooling over windows that overlap, leave gaps or reach into "same" padding: per
/// output value the first maximum in the window wins, and the backward pass adds the
/// gradient to the step that won, as TensorFlow's MaxPool and MaxPoolGrad do (an input
/// step that wins several windows gets the sum). The padding never wins.
extension MaxPooling1D {
    func windowsForward(_ x: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        let windows = self.windows, channels = self.channels, steps = windows.steps, outSteps = windows.outSteps
        let n = batch * outSteps * channels
        let y = output.resize(n)
        if winnerSteps.count < n { winnerSteps = [Int32](repeating: 0, count: n) }
        winnerSteps.withUnsafeMutableBufferPointer { won in
            for b in 0..<batch {
                for t in 0..<outSteps {
                    let window = windows.window(t), o = (b * outSteps + t) * channels
                    for c in 0..<channels {
                        var best = x[(b * steps + window.lowerBound) * channels + c], step = window.lowerBound
                        for s in window.dropFirst() {
                            let v = x[(b * steps + s) * channels + c]
                            if v > best { best = v; step = s }
                        }
                        y[o + c] = best
                        won[o + c] = Int32(step)
                    }
                }
            }
        }
        return UnsafePointer(y)
    }

    func windowsBackward(_ dy: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        let windows = self.windows, channels = self.channels, steps = windows.steps, outSteps = windows.outSteps
        let dx = inputGradient.resize(batch * steps * channels)
        dx.update(repeating: 0, count: batch * steps * channels)
        winnerSteps.withUnsafeBufferPointer { won in  // not the array property in the loop: a check per read
            for b in 0..<batch {
                for i in 0..<(outSteps * channels) {
                    let o = b * outSteps * channels + i
                    dx[(b * steps + Int(won[o])) * channels + i % channels] += dy[o]
                }
            }
        }
        return UnsafePointer(dx)
    }
}
