import XCTest
import Foundation
import Plots

/// Writes every sample as .svg and .txt into the directory named by `PLOTS_SAMPLES_DIR`, to
/// look at them (e.g. converted with rsvg-convert). Skipped when the variable is not set.
final class SampleExportTests: XCTestCase {
    func testWriteSamples() throws {
        guard let directory = ProcessInfo.processInfo.environment["PLOTS_SAMPLES_DIR"] else {
            throw XCTSkip("set PLOTS_SAMPLES_DIR to write the samples")
        }
        let url = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, plot) in SamplePlots.all {
            try plot.svg().write(to: url.appendingPathComponent(name + ".svg"), atomically: true, encoding: .utf8)
            try plot.svg(width: 320, height: 240).write(to: url.appendingPathComponent(name + "-small.svg"), atomically: true, encoding: .utf8)
            try (plot.ascii() + "\n").write(to: url.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
            try (plot.ascii(width: 50) + "\n").write(to: url.appendingPathComponent(name + "-50.txt"), atomically: true, encoding: .utf8)
        }
        let edges = url.appendingPathComponent("edge-cases")
        try FileManager.default.createDirectory(at: edges, withIntermediateDirectories: true)
        for (index, (name, plot)) in EdgeCases.all.enumerated() {
            let file = String(format: "%02d-", index) + name.replacingOccurrences(of: " ", with: "-")
            try plot.svg(width: 320, height: 200).write(to: edges.appendingPathComponent(file + ".svg"), atomically: true, encoding: .utf8)
            try (plot.ascii(width: 60) + "\n").write(to: edges.appendingPathComponent(file + ".txt"), atomically: true, encoding: .utf8)
        }
    }
}
