import XCTest
import Foundation
import Plots

/// Prints how long each sample takes to render (no assertion: timings vary with the machine
/// and its load). The site renders every plot of four lessons within its 2 s budget.
final class RenderingSpeedBenchmark: XCTestCase {
    func testPrintRenderTimes() {
        for (name, plot) in SamplePlots.all {
            let clock = ContinuousClock()
            let repeats = 5
            var bytes = 0
            let svgTime = clock.measure { for _ in 0..<repeats { bytes = plot.svg().utf8.count } }
            let asciiTime = clock.measure { for _ in 0..<repeats { _ = plot.ascii() } }
            print("render \(name): svg \(svgTime / repeats) (\(bytes) bytes), ascii \(asciiTime / repeats)")
        }
    }
}
