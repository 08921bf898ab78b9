/// Where a heatmap's grid goes in a figure that keeps `colourBarRoom` px right of the grid
/// for the colour bar and its labels: the size of the cells, how many rows and columns are
/// shown (blocks of cells are averaged where cells would be under 4 px), whether column
/// names are slanted, and where the grid starts. A type of its own so that the layout can
/// be made again with more room for the colour bar's labels.
struct SVGHeatmapGeometry {
    let slanted: Bool
    let cell: Double
    /// True when cells are averaged in blocks of `shownRows` by `shownColumns`.
    let averaged: Bool
    let shownRows: Int
    let shownColumns: Int
    /// The grid's left edge (the row names end left of it).
    let left: Double

    var gridWidth: Double { cell * Double(shownColumns) }
    var gridHeight: Double { cell * Double(shownRows) }

    init(figureWidth: Double, figureHeight: Double, top: Double, rows rowCount: Int, columns columnCount: Int,
         rowLabelRoom: Double, widestColumnName: Double, xLabelRoom: Double, colourBarRoom: Double) {
        // Column names run horizontally when they fit their cell, else slanted at 40 degrees.
        let availableWidth = max(0, figureWidth - rowLabelRoom - colourBarRoom)
        let provisionalCell = availableWidth / Double(columnCount)
        slanted = widestColumnName > provisionalCell - 4
        let columnLabelRoom = slanted ? widestColumnName * 0.65 + 18 : 22
        let bottom = figureHeight - columnLabelRoom - xLabelRoom
        let availableHeight = max(0, bottom - top)
        var cell = min(provisionalCell, availableHeight / Double(rowCount))
        // Cells stay at least 4 px: more rows or columns than fit at that size (80 x 125 cells
        // ran off a 640 x 360 canvas) are averaged in blocks, as an image is.
        averaged = cell < SVGHeatmap.minimumCell
        var shownRows = rowCount, shownColumns = columnCount
        if averaged {
            shownRows = min(rowCount, max(1, Int(availableHeight / SVGHeatmap.minimumCell)))
            shownColumns = min(columnCount, max(1, Int(availableWidth / SVGHeatmap.minimumCell)))
            cell = min(availableWidth / Double(shownColumns), availableHeight / Double(shownRows))
        }
        self.cell = cell
        self.shownRows = shownRows
        self.shownColumns = shownColumns
        // Centre the labels, grid and colour bar when the cells are limited by the height.
        left = rowLabelRoom + max(0, (figureWidth - rowLabelRoom - cell * Double(shownColumns) - colourBarRoom) / 2)
    }
}
