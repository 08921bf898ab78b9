/// A plot as data: what to draw, not how. The same description renders as ASCII art in a
/// terminal (`Plot.ascii(width:)`) and as SVG in an HTML page (`Plot.svg(width:height:)`),
/// so a lesson's figure looks the same wherever it is read.
public struct Plot: Codable, Equatable, Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var content: Content
    /// Fixes the value axis of a line or bar chart (e.g. `0...1` for accuracy) instead of
    /// fitting it to the data. Points outside it are clipped. `nil` fits the data.
    public var yRange: ClosedRange<Double>?
    /// What the colour (heatmap, image) or bar length measures, e.g. `"dB"` or `"count"`;
    /// shown next to the colour scale. `nil` shows none.
    public var valueLabel: String?
    /// Decimal places of the numbers printed in heatmap cells, next to bars and on colour
    /// scales. `nil` chooses: none when every value is a whole number, else by magnitude.
    public var valueDecimals: Int?
    /// Names of an image's rows, bottom row first (the pitch classes C, C#, ..., B of a
    /// chromagram), shown instead of numeric y ticks when each row is drawn on its own
    /// (a terminal line each, or at least 10 px in SVG). Ignored unless there is one name per row.
    public var imageRowNames: [String]?

    public init(title: String, xLabel: String = "", yLabel: String = "", content: Content,
                yRange: ClosedRange<Double>? = nil, valueLabel: String? = nil,
                valueDecimals: Int? = nil, imageRowNames: [String]? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.content = content
        self.yRange = yRange
        self.valueLabel = valueLabel
        self.valueDecimals = valueDecimals
        self.imageRowNames = imageRowNames
    }

    public enum Content: Codable, Equatable, Sendable {
        /// One or more lines over a shared x axis (training curves, a waveform).
        case line([Series])
        /// One bar per category (per-class recall, feature means).
        case bar(categories: [String], values: [Double])
        /// A matrix of cells with labelled rows and columns, annotated with their values
        /// (a confusion matrix). `values[row][column]`, row 0 at the top.
        case heatmap(rowLabels: [String], columnLabels: [String], values: [[Double]])
        /// A dense matrix drawn as an image with a colour scale (a spectrogram, chroma).
        /// `values[row][column]`, row 0 at the bottom (the lowest frequency), columns in time.
        case image(values: [[Double]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>)
    }

    /// One named line of a line chart.
    public struct Series: Codable, Equatable, Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]

        /// A series through the points `(x[i], y[i])`. Non-finite values leave a gap in the
        /// line. If the counts differ, only the first `min(x.count, y.count)` points are
        /// drawn and the renderers say so (no trap: a lesson's data is user input).
        public init(name: String, x: [Double], y: [Double]) {
            self.name = name
            self.x = x
            self.y = y
        }

        /// A series over x = 1, 2, 3, ... (epochs).
        public init(name: String, y: [Double]) {
            self.init(name: name, x: y.indices.map { Double($0 + 1) }, y: y)
        }
    }
}
