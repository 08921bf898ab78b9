import Plots

/// The one place the runner turns a plot into terminal text, so every terminal view
/// (run, step, test) draws plots the same way.
enum PlotRendering {
    static func ascii(_ plot: Plot, width: Int) -> String {
        plot.ascii(width: width) + "\n"
    }
}
