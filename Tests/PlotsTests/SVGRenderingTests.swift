import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Plots

final class SVGRenderingTests: XCTestCase {
    /// Parses `svg` with Foundation's XML parser; returns the error, or nil when well-formed.
    private func parseError(_ svg: String) -> Error? {
        let parser = XMLParser(data: Data(svg.utf8))
        return parser.parse() ? nil : (parser.parserError ?? NSError(domain: "xml", code: 0))
    }

    func testEverySampleAndEdgeCaseIsWellFormedXML() {
        for (name, plot) in SamplePlots.all + EdgeCases.all {
            for (w, h) in [(640, 360), (320, 240)] {
                let svg = plot.svg(width: w, height: h)
                XCTAssertNil(parseError(svg), "\(name) \(w)x\(h)")
                XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\""), name)
                XCTAssertTrue(svg.contains("role=\"img\""))
                XCTAssertTrue(svg.contains("max-width:100%"))
                XCTAssertFalse(svg.contains("nan\""), "\(name): a NaN coordinate leaked")
                XCTAssertFalse(svg.contains("inf\""), "\(name): an infinite coordinate leaked")
                XCTAssertFalse(svg.contains(" id="), "\(name): ids would clash when plots share a page")
            }
        }
    }

    func testTextIsEscaped() {
        let hostile = "<script>alert(1)</script> & \"quotes\" <img onerror=x>"
        let plots = [
            Plot(title: hostile, xLabel: hostile, yLabel: hostile, content: .line([Plot.Series(name: hostile, y: [1, 2])])),
            Plot(title: hostile, content: .bar(categories: [hostile], values: [1])),
            Plot(title: hostile, content: .heatmap(rowLabels: [hostile], columnLabels: [hostile], values: [[1]]), valueLabel: hostile),
            Plot(title: hostile, content: .image(values: [[1, 2]], xRange: 0...1, yRange: 0...1), valueLabel: hostile),
        ]
        for plot in plots {
            let svg = plot.svg()
            XCTAssertNil(parseError(svg))
            XCTAssertFalse(svg.contains("<script"))
            XCTAssertFalse(svg.contains("<img"))
            XCTAssertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
            XCTAssertTrue(svg.contains("<title>&lt;script&gt;"))
        }
    }

    /// XML 1.0 has no place for most control characters: a title holding a terminal
    /// colour code loses the ESC, keeps tab and newline, and the SVG still parses.
    func testControlCharactersAreDropped() {
        XCTAssertEqual(XMLText.escaped("\u{1B}[31mred\u{1B}[0m\ta\nb\r\u{0}"), "[31mred[0m\ta\nb\r")
        let svg = Plot(title: "\u{1B}[1mloss\u{7}", content: .line([Plot.Series(name: "x", y: [1, 2])])).svg()
        XCTAssertNil(parseError(svg))
        XCTAssertTrue(svg.contains("[1mloss"))
        XCTAssertFalse(svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    /// U+FFFE and U+FFFF are not XML characters; C1 controls and the other noncharacters are
    /// errors in the HTML pages the SVG is inlined into. All are dropped, the rest kept.
    func testNoncharactersAndC1ControlsAreDropped() {
        // Swift string literals refuse U+FDD0-U+FDEF.
        let fdd0 = String(Unicode.Scalar(0xFDD0)!), fdef = String(Unicode.Scalar(0xFDEF)!)
        XCTAssertEqual(XMLText.escaped("a\u{FFFE}\u{FFFF}\u{7F}\u{85}\u{9F}" + fdd0 + fdef + "\u{1FFFF}\u{10FFFE}b"), "ab")
        XCTAssertEqual(XMLText.escaped("\u{A0}\u{D7FF}\u{E000}\u{FFFD}\u{FDCF}\u{FDF0}\u{10000}\u{10FFFD}"),
                       "\u{A0}\u{D7FF}\u{E000}\u{FFFD}\u{FDCF}\u{FDF0}\u{10000}\u{10FFFD}")
        let svg = Plot(title: "loss\u{FFFE}\u{FFFF}", content: .bar(categories: ["\u{FFFF}a"], values: [1])).svg()
        XCTAssertNil(parseError(svg))
        XCTAssertTrue(svg.contains("<title>loss</title>"), svg)
    }

    func testSamePlotGivesSameBytes() {
        for (name, plot) in SamplePlots.all {
            XCTAssertEqual(plot.svg(), plot.svg(), name)
        }
    }

    /// Noise is the worst case for run merging: every cell differs from its neighbour.
    func testSpectrogramStaysSmallEvenWhenNoisy() {
        var state: UInt64 = 42
        let noise: [[Double]] = (0..<128).map { _ in
            (0..<400).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return -80 + 80 * Double(state >> 11) / Double(1 << 53)
            }
        }
        let plot = Plot(title: "noise", content: .image(values: noise, xRange: 0...4.64, yRange: 0...128), valueLabel: "dB")
        let svg = plot.svg()
        XCTAssertNil(parseError(svg))
        XCTAssertLessThan(svg.utf8.count, 200_000, "a 128 x 400 image should not produce a huge page")
        XCTAssertLessThan(SamplePlots.melSpectrogram.svg().utf8.count, svg.utf8.count, "runs of equal colour are merged")
        print("svg bytes: noise 128x400 \(svg.utf8.count), smooth mel sample \(SamplePlots.melSpectrogram.svg().utf8.count)")
    }

    func testLineChartHasLegendAxesAndOnePathPerSeries() {
        let svg = SamplePlots.trainingCurves.svg()
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 2)
        XCTAssertTrue(svg.contains(">train</text>"))
        XCTAssertTrue(svg.contains(">validation</text>"))
        XCTAssertTrue(svg.contains(">epoch</text>"))
        XCTAssertTrue(svg.contains(">accuracy</text>"))
        XCTAssertTrue(svg.contains(">0.8</text>"), "y tick labels use 1-2-5 steps")
    }

    /// The highest point's marker sits on the 1.0 tick and the lowest on the 0.0 tick.
    func testLineExtremesLandOnTheirTicks() throws {
        let plot = Plot(title: "", content: .line([Plot.Series(name: "", y: [0.5, 0.0, 0.3, 1.0, 0.6])]), yRange: 0...1)
        let svg = plot.svg()
        func numbers(_ pattern: String) throws -> [Double] {
            let regex = try NSRegularExpression(pattern: pattern)
            return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
                Range(match.range(at: 1), in: svg).flatMap { Double(svg[$0]) }
            }
        }
        let markers = try numbers(#"<circle cx="[-0-9.]+" cy="([-0-9.]+)""#)
        XCTAssertEqual(markers.count, 5)
        let tickY = try numbers(##"<text x="[-0-9.]+" y="([-0-9.]+)" text-anchor="end" fill="#222222">1\.0<"##).first
        let zeroY = try numbers(##"<text x="[-0-9.]+" y="([-0-9.]+)" text-anchor="end" fill="#222222">0\.0<"##).first
        // Labels sit 4 px below their tick's line (baseline offset).
        XCTAssertEqual(markers.min() ?? .nan, (tickY ?? .nan) - 4, accuracy: 0.11)
        XCTAssertEqual(markers.max() ?? .nan, (zeroY ?? .nan) - 4, accuracy: 0.11)
        XCTAssertEqual(markers[3], markers.min(), "the fourth point (1.0) is the highest")
    }

    /// Data spanning -1e308...1e308 (a span beyond Double's range) still gets y-axis labels.
    func testExtremeValuesStillGetYAxisTicks() {
        for y in [[-1e308, 1e308], [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude]] {
            let svg = Plot(title: "", content: .line([Plot.Series(name: "", y: y)])).svg()
            let yLabels = svg.components(separatedBy: ##"text-anchor="end" fill="#222222">"##).dropFirst().map { $0.prefix { $0 != "<" } }
            XCTAssertGreaterThanOrEqual(yLabels.count, 3, "\(y): \(yLabels)")
            XCTAssertTrue(yLabels.contains("1e+308") && yLabels.contains("0"), "\(yLabels)")
        }
    }

    func testOlderJSONWithoutTheOptionalFieldsStillDecodes() throws {
        let json = #"{"title":"t","xLabel":"","yLabel":"","content":{"bar":{"categories":["a"],"values":[1]}}}"#
        let plot = try JSONDecoder().decode(Plot.self, from: Data(json.utf8))
        XCTAssertNil(plot.yRange)
        XCTAssertNil(plot.valueLabel)
        XCTAssertEqual(plot, Plot(title: "t", content: .bar(categories: ["a"], values: [1])))
    }

    func testImageRowNamesAreWritten() {
        let svg = SamplePlots.chroma.svg()
        for name in SamplePlots.pitchClasses { XCTAssertTrue(svg.contains(">\(name)</text>"), name) }
        // Not used when rows are averaged together (128 mel bands into 96 cells).
        let mel = SamplePlots.melSpectrogram
        var named = mel
        named.imageRowNames = (0..<128).map { "band \($0)" }
        XCTAssertEqual(named.svg(), mel.svg())
    }

    func testGapsSplitALine() {
        let plot = Plot(title: "gap", content: .line([Plot.Series(name: "a", y: [1, 2, .nan, 4, 5])]))
        XCTAssertEqual(plot.svg().components(separatedBy: "<path ").count - 1, 2)
    }

    func testHeatmapWritesEveryValue() {
        let svg = SamplePlots.confusionMatrix.svg()
        for value in [14, 26, 22, 21, 27, 20] {
            XCTAssertTrue(svg.contains(">\(value)</text>"), "\(value)")
        }
        XCTAssertTrue(svg.contains("#fde725"), "the largest count gets the top of the colour scale")
    }

    /// SVG text is measured as the terminal measures it: a CJK character is about one em
    /// wide, not the 0.6 em of a Latin one, so CJK bar names were given about half the room
    /// they take and ran over the bars, and long CJK titles were not cut.
    func testWideTextIsMeasuredAsWide() {
        XCTAssertEqual(SVGDocument.textWidth("悲伤"), SVGDocument.textWidth("abcd"))
        XCTAssertEqual(SVGDocument.textWidth("sad"), 3 * SVGDocument.fontSize * 0.6, "Latin text as before")
        XCTAssertEqual(SVGDocument.shortened("悲伤悲伤悲伤", to: 7), "悲伤...")
        XCTAssertEqual(SVGDocument.shortened("悲伤", to: 4), "悲伤")
        XCTAssertEqual(SVGDocument.shortened("悲伤悲伤", to: 4), "悲...", "at least one character is kept")
        XCTAssertEqual(SVGDocument.shortened("emotions", to: 6), "emo...", "Latin text as before")
        // The bars start right of the longest name: as far right for two CJK characters as
        // for four Latin ones.
        func barsStart(_ names: [String]) -> String? {
            let svg = Plot(title: "", content: .bar(categories: names, values: [1, 2])).svg(width: 640, height: 360)
            return svg.components(separatedBy: "<rect").dropFirst(2).first?.components(separatedBy: "\"").dropFirst().first
        }
        XCTAssertNotNil(barsStart(["abcd", "ab"]))
        XCTAssertEqual(barsStart(["悲伤", "悲"]), barsStart(["abcd", "ab"]))
    }
}

