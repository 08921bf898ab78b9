// Lessons import only Notebook; the plot description type comes with it.
@_exported import Plots
