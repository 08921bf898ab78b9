import Plots

/// The one place the runner turns a plot into terminal text, with the Plots target's
/// character renderer (`Plot.ascii(width:)`).
enum PlotRendering {
    static func ascii(_ plot: Plot, width: Int) -> String {
        plot.ascii(width: width)
    }
}
