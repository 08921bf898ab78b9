import XCTest
@testable import Plots

final class ASCIIRenderingTests: XCTestCase {
    /// Every sample at several widths: no line longer than the width or ending in a space.
    func testLinesFitTheWidthWithoutTrailingSpaces() {
        for (name, plot) in SamplePlots.all + EdgeCases.all {
            for width in [40, 60, 80, 120] {
                let text = plot.ascii(width: width)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    XCTAssertLessThanOrEqual(line.count, width, "\(name) width \(width) line \(number): \(line)")
                    XCTAssertFalse(line.hasSuffix(" "), "\(name) width \(width) line \(number) ends in a space")
                }
                XCTAssertFalse(text.hasSuffix("\n"))
            }
        }
    }

    /// A curve over epochs 1 to 3 labels whole epochs only (it was labelled 1.0 1.5 2.0
    /// 2.5 3.0), in the terminal and on the page; fractional x keeps its fractional ticks.
    func testWholeNumberXGetsWholeNumberTicks() throws {
        func curve(x: [Double]) -> Plot {
            Plot(title: "Training loss", xLabel: "epoch", yLabel: "loss",
                 content: .line([Plot.Series(name: "loss", x: x, y: x.map { 2 - 0.2 * $0 })]))
        }
        /// The terminal's x labels: the line under the axis (the one of + and -).
        func asciiLabels(_ plot: Plot) throws -> [String] {
            let lines = plot.ascii(width: 80).split(separator: "\n", omittingEmptySubsequences: false)
            let axis = try XCTUnwrap(lines.firstIndex { $0.contains("+---") })
            return lines[axis + 1].split(separator: " ").map(String.init)
        }
        /// The page's x labels: the numbers centred under the plot.
        func svgLabels(_ plot: Plot) -> [String] {
            plot.svg().matches(of: #/<text x="[^"]*" y="[^"]*" text-anchor="middle" fill="#222222">([-0-9.]+)</text>/#)
                .map { String($0.output.1) }
        }
        let epochs = curve(x: [1, 2, 3])
        XCTAssertEqual(try asciiLabels(epochs), ["1", "2", "3"], epochs.ascii(width: 80))
        XCTAssertEqual(svgLabels(epochs), ["1", "2", "3"])
        // The page's summary gives the axis ends themselves, not rounded to the whole
        // ticks: one point at 5 spans 4.5 to 5.5 (it read "4 to 6").
        XCTAssertTrue(curve(x: [5]).svg().contains("x from 4.50 to 5.50"), curve(x: [5]).svg())
        XCTAssertTrue(epochs.svg().contains("x from 1 to 3"), epochs.svg())
        let seconds = curve(x: [0, 0.5, 1, 1.5, 2])
        func fractional(_ label: String) -> Bool { Double(label).map { $0.rounded() != $0 } ?? false }
        XCTAssertTrue(try asciiLabels(seconds).contains(where: fractional), seconds.ascii(width: 80))
        XCTAssertTrue(svgLabels(seconds).contains(where: fractional), "\(svgLabels(seconds))")
    }

    func testSamePlotGivesSameBytes() {
        for (name, plot) in SamplePlots.all {
            XCTAssertEqual(plot.ascii(), plot.ascii(), name)
            // Through Codable and back too: what the runner caches renders identically.
            let decoded = try? JSONDecoder().decode(Plot.self, from: JSONEncoder().encode(plot))
            XCTAssertEqual(decoded?.ascii(), plot.ascii(), name)
        }
    }

    func testHeightIsRespected() {
        for (name, plot) in [("line", SamplePlots.trainingCurves), ("image", SamplePlots.melSpectrogram)] {
            for height in [12, 20, 30] {
                let count = plot.ascii(width: 80, height: height).split(separator: "\n", omittingEmptySubsequences: false).count
                XCTAssertLessThanOrEqual(count, height, "\(name) height \(height)")
                XCTAssertGreaterThanOrEqual(count, height - 1, "\(name) height \(height) should use the space")
            }
        }
    }

    /// The highest point is drawn on the top chart row and the lowest on the bottom row when
    /// the y axis is fixed to the data's ends; with a fitted axis the order still holds.
    func testLineExtremesLandOnTheRightRows() {
        let y: [Double] = [0.5, 0.2, 0.0, 0.3, 1.0, 0.6, 0.5]
        let plot = Plot(title: "", content: .line([Plot.Series(name: "", y: y)]), yRange: 0...1)
        let rows = plot.ascii(width: 60, height: 14).split(separator: "\n").map(String.init)
        // Chart rows are those with the axis; the x axis line starts with spaces and '+'.
        let chart = rows.filter { $0.contains("|") || $0.range(of: #"^\s*[0-9.]+ \+"#, options: .regularExpression) != nil }
        XCTAssertGreaterThanOrEqual(chart.count, 10)
        func markerColumns(_ line: String) -> [Int] {
            guard let axis = line.firstIndex(where: { $0 == "|" || $0 == "+" }) else { return [] }
            return line[line.index(after: axis)...].enumerated().filter { $0.element == "*" }.map(\.offset)
        }
        let top = markerColumns(chart[0]), bottom = markerColumns(chart[chart.count - 1])
        XCTAssertFalse(top.isEmpty, "max (1.0) should be on the top row:\n\(rows.joined(separator: "\n"))")
        XCTAssertFalse(bottom.isEmpty, "min (0.0) should be on the bottom row")
        // 1.0 is the 5th of 7 points (x = 5 of 1...7), 0.0 the 3rd: left to right order.
        XCTAssertGreaterThan(top.min() ?? 0, bottom.min() ?? 0)
        XCTAssertTrue(chart[0].hasPrefix("1.0"), "top row carries the 1.0 tick: \(chart[0])")
        XCTAssertTrue(chart[chart.count - 1].hasPrefix("0.0"), "bottom row carries the 0.0 tick")
    }

    /// A far outlier above a fixed range: the lines to and from it are cut at the top row,
    /// and the points inside the range are still drawn where they belong.
    func testLinesToAnOutlierAreClippedNotLost() {
        let plot = Plot(title: "", content: .line([Plot.Series(name: "", y: [0.5, 1e300, 0.2])]), yRange: 0...1)
        let rows = plot.ascii(width: 60, height: 14).split(separator: "\n").map(String.init)
        let chart = rows.prefix { !$0.hasPrefix("    +-") && !$0.contains("+--") }
        XCTAssertGreaterThanOrEqual(chart.count, 10)
        let axis = 4  // "1.0 +": three label characters, a space, the axis
        let top = Array(chart[0])
        XCTAssertEqual(top.count > axis + 1 ? top[axis + 1] : " ", "*", "the rise towards the outlier reaches the top row:\n\(rows.joined(separator: "\n"))")
        XCTAssertTrue(chart[0].hasSuffix("*"), "the fall from the outlier starts at the top row")
        // 0.2 is 80% of the way down the chart rows.
        let expectedRow = Int((0.8 * Double(chart.count - 1)).rounded())
        XCTAssertTrue(chart[expectedRow].hasSuffix("*"), "0.2 drawn on row \(expectedRow)")
        XCTAssertFalse(chart[chart.count - 1].contains("*"), "nothing below 0.2")
    }

    func testSeriesHaveDistinctMarkersAndALegend() {
        let text = SamplePlots.trainingCurves.ascii()
        XCTAssertTrue(text.contains("* train"))
        XCTAssertTrue(text.contains("o validation"))
        let body = text.split(separator: "\n").dropLast()
        XCTAssertTrue(body.contains { $0.contains("o") && $0.contains("|") })
    }

    func testConfusionMatrixShowsEveryCountAndLabel() {
        let text = SamplePlots.confusionMatrix.ascii()
        let lines = text.split(separator: "\n").map(String.init)
        for name in SamplePlots.emotions {
            XCTAssertTrue(lines.contains { $0.hasPrefix(name) }, "row \(name)")
        }
        // The "angry" row reads 0 0 4 0 27 1, in order.
        let angry = lines.first { $0.hasPrefix("angry") } ?? ""
        let numbers = angry.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers, [0, 0, 4, 0, 27, 1])
        // The largest count gets the darkest shade, zero none.
        XCTAssertTrue(angry.contains("@ 27"), angry)
        XCTAssertTrue(text.contains("shade: 0 [ .:-=+*#%@] 27 count"))
    }

    func testNonFiniteAndEmptyDataDoNotCrash() {
        for (name, plot) in EdgeCases.all {
            let text = plot.ascii()
            XCTAssertFalse(text.isEmpty, name)
        }
        XCTAssertTrue(EdgeCases.emptyLine.ascii().contains("(no data)"))
        XCTAssertTrue(EdgeCases.allNaNImage.ascii().contains("(no data)"))
        // A NaN in the middle of a series leaves a gap but the rest is drawn.
        let gap = Plot(title: "", content: .line([Plot.Series(name: "a", y: [1, 2, .nan, 4, 5])])).ascii()
        XCTAssertTrue(gap.contains("*"))
        XCTAssertFalse(gap.contains("nan"))
    }

    /// A chromagram's rows are named C (bottom) to B (top), one line each.
    func testImageRowNamesLabelEveryRow() {
        let lines = SamplePlots.chroma.ascii(width: 80).split(separator: "\n").map(String.init)
        let labelled = lines.compactMap { line -> String? in
            guard let bar = line.firstIndex(of: "|") else { return nil }
            return line[..<bar].trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        XCTAssertEqual(labelled, SamplePlots.pitchClasses.reversed())
        // Pitch class C (row 0) is fully on for the first 80 frames: the darkest shade.
        let c = lines.first { $0.hasPrefix(" C |") } ?? ""
        XCTAssertTrue(c.hasPrefix(" C |@@@@@@@@"), c)
    }

    func testSpectrogramIsAveragedToTheWidthWithAxisRanges() {
        let text = SamplePlots.melSpectrogram.ascii(width: 80)
        XCTAssertTrue(text.contains("128 x 400 values averaged into"), text)
        XCTAssertTrue(text.contains("dB"))
        XCTAssertTrue(text.contains("@"), "the loudest harmonic reaches the top of the ramp")
    }
}

/// Data a lesson could produce by mistake: renderers must answer with a clear message.
enum EdgeCases {
    static let emptyLine = Plot(title: "empty", content: .line([]))
    static let allNaNImage = Plot(title: "nan image", content: .image(values: [[.nan, .nan], [.nan, .nan]], xRange: 0...1, yRange: 0...1))

    static var all: [(name: String, plot: Plot)] {
        [
            ("empty line", emptyLine),
            ("series without points", Plot(title: "no points", content: .line([Plot.Series(name: "a", y: [])]))),
            ("infinite line", Plot(title: "inf", content: .line([Plot.Series(name: "a", y: [.infinity, 1, .nan, -.infinity, 3])]))),
            ("constant line", Plot(title: "flat", content: .line([Plot.Series(name: "a", y: [2, 2, 2])]))),
            ("single point", Plot(title: "one", content: .line([Plot.Series(name: "a", x: [3], y: [7])]))),
            ("mismatched series", Plot(title: "mismatch", content: .line([Plot.Series(name: "a", x: [1, 2, 3], y: [1, 2])]))),
            ("huge outlier clipped", Plot(title: "clip", content: .line([Plot.Series(name: "a", y: [0.5, 1e300, 0.2])]), yRange: 0...1)),
            ("empty bars", Plot(title: "bars", content: .bar(categories: [], values: []))),
            ("nan bars", Plot(title: "bars", content: .bar(categories: ["a", "b", "c"], values: [.nan, -2, 3.5]))),
            ("empty heatmap", Plot(title: "hm", content: .heatmap(rowLabels: [], columnLabels: [], values: []))),
            ("ragged heatmap", Plot(title: "hm", content: .heatmap(rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"], values: [[1, .nan], [3, 4, 5]]))),
            ("wide heatmap", Plot(title: "wide", content: .heatmap(rowLabels: ["r"], columnLabels: (0..<40).map { "column \($0)" }, values: [(0..<40).map(Double.init)]))),
            ("nan image", allNaNImage),
            ("empty image", Plot(title: "img", content: .image(values: [], xRange: 0...1, yRange: 0...1))),
            ("ragged image", Plot(title: "ragged", content: .image(values: [[], [1, 2, 3], [4]], xRange: 0...1, yRange: 0...1))),
            ("image with gaps", Plot(title: "gaps", content: .image(values: [[1, .nan, 3], [.infinity, 5, 6]], xRange: 0...1, yRange: 5...5))),
            ("extreme line", Plot(title: "extreme", content: .line([Plot.Series(name: "a", x: [-1e308, 0, 1e308], y: [-1e308, 1e308, 0])]))),
            ("extreme bars", Plot(title: "extreme", content: .bar(categories: ["a", "b"], values: [1e308, -1e308]))),
            ("extreme heatmap", Plot(title: "extreme", content: .heatmap(rowLabels: ["a"], columnLabels: ["x", "y"], values: [[1e308, -1e308]]))),
            ("extreme image", Plot(title: "extreme", content: .image(values: [[1e308, -1e308], [0, 1]], xRange: -Double.infinity...Double.infinity, yRange: -1e308...1e308))),
            ("long title", Plot(title: String(repeating: "very long title ", count: 20), xLabel: String(repeating: "x", count: 200), yLabel: "<y>", content: .line([Plot.Series(name: String(repeating: "n", count: 300), y: [1, 2])]))),
        ]
    }
}
