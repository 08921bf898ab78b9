/// What both renderers of a line chart need: the drawable points of each series (with gaps
/// where values are missing), the axis ranges and their ticks. Computed once from the plot so
/// the terminal and the page agree on the numbers.
struct LineChartModel {
    /// One series as runs of consecutive finite points; a NaN or infinity ends a run.
    struct Line {
        var name: String
        var runs: [[(x: Double, y: Double)]]
        /// Set when the series had different numbers of x and y values.
        var lengthMismatch: (x: Int, y: Int)?
    }

    var lines: [Line]
    var xLower: Double, xUpper: Double
    var yLower: Double, yUpper: Double
    var xTicks: NiceTicks
    var yTicks: NiceTicks
    /// Whether every point's x is a whole number (epochs, counts): the x ticks then never
    /// fall between two (`wholeWhereNeeded`).
    let xIsWhole: Bool

    /// `nil` when no series has a single finite point.
    init?(series: [Plot.Series], yRange: ClosedRange<Double>?, xTickCount: Int, yTickCount: Int) {
        lines = series.map { s in
            let n = min(s.x.count, s.y.count)
            var runs: [[(x: Double, y: Double)]] = []
            var current: [(x: Double, y: Double)] = []
            for i in 0..<n {
                if s.x[i].isFinite && s.y[i].isFinite {
                    current.append((s.x[i], s.y[i]))
                } else if !current.isEmpty {
                    runs.append(current)
                    current = []
                }
            }
            if !current.isEmpty { runs.append(current) }
            let mismatch = s.x.count == s.y.count ? nil : (x: s.x.count, y: s.y.count)
            return Line(name: s.name, runs: runs, lengthMismatch: mismatch)
        }
        let points = lines.flatMap { $0.runs.flatMap { $0 } }
        guard let xs = FiniteExtent(points.map(\.x)), let ys = FiniteExtent(points.map(\.y)) else {
            return nil
        }
        (xLower, xUpper) = NiceTicks.widened(xs.lower, xs.upper)
        xIsWhole = points.allSatisfy { $0.x.rounded() == $0.x }
        xTicks = NiceTicks.inside(xLower, xUpper, count: xTickCount)
        if xIsWhole { xTicks = xTicks.wholeNumbers(inside: xLower, xUpper) }
        if let fixed = yRange, fixed.lowerBound.isFinite, fixed.upperBound.isFinite,
           fixed.upperBound > fixed.lowerBound {
            (yLower, yUpper) = (fixed.lowerBound, fixed.upperBound)
            yTicks = NiceTicks.inside(yLower, yUpper, count: yTickCount)
        } else {
            yTicks = NiceTicks.covering(ys.lower, ys.upper, count: yTickCount)
            (yLower, yUpper) = yTicks.axisEnds(ys.lower, ys.upper)
        }
    }

    /// `ticks` for this chart's x axis: whole numbers only when every x is one.
    func wholeWhereNeeded(_ ticks: NiceTicks) -> NiceTicks {
        xIsWhole ? ticks.wholeNumbers(inside: xLower, xUpper) : ticks
    }

    /// Where `x` lies on the x axis, 0 at the left end and 1 at the right.
    func xFraction(_ x: Double) -> Double { FiniteExtent.fraction(x, xLower, xUpper) }

    /// Where `y` lies on the y axis, 0 at the bottom and 1 at the top.
    func yFraction(_ y: Double) -> Double { FiniteExtent.fraction(y, yLower, yUpper) }

    /// Notes for the reader about data that could not be drawn as given.
    var notes: [String] {
        lines.compactMap { line in
            line.lengthMismatch.map { "note: series '\(line.name)' has \($0.x) x values and \($0.y) y values; drew the first \(min($0.x, $0.y))" }
        }
    }
}
