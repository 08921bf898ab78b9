import Plots

/// The one place the runner turns a plot into terminal text. The renderers
/// (`Plot.ascii(width:)`, `Plot.svg(width:height:)`) live in the Plots target; until they are
/// merged this draws a one-line placeholder, so swapping in the real call is a one-line change.
enum PlotRendering {
    static func ascii(_ plot: Plot, width: Int) -> String {
        "[plot: \(plot.title)]\n"
    }
}
