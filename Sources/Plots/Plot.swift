/// A plot as data: what to draw, not how. The same description renders as ASCII art in a
/// terminal (`Plot.ascii(width:)`) and as SVG in an HTML page (`Plot.svg(width:height:)`),
/// so a lesson's figure looks the same wherever it is read.
public struct Plot: Codable, Equatable, Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var content: Content

    public init(title: String, xLabel: String = "", yLabel: String = "", content: Content) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.content = content
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

        public init(name: String, x: [Double], y: [Double]) {
            precondition(x.count == y.count, "series '\(name)': \(x.count) x values but \(y.count) y values")
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
