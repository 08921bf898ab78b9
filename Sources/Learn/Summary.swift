extension Sequential {
    /// A table like Keras `model.summary()`: each layer's name (type), output shape and
    /// parameter count, then the total, trainable and non-trainable counts with their
    /// sizes in memory (4 bytes each).
    public var summary: String {
        let header = ["Layer (type)", "Output Shape", "Param #"]
        let rows = zip(layers, outputShapes).map { layer, shape in
            ["\(layer.name) (\(layer.typeName))", Shape.describe(shape), Summary.grouped(layer.parameterCount)]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        // One space either side of the widest cell: the table stays within 74 columns,
        // so it fits an 80-column terminal under `notebook run`'s six-space indent.
        func line(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right
        }
        func cells(_ row: [String], _ bar: String) -> String {
            let padded = row.enumerated().map { i, text -> String in
                let space = String(repeating: " ", count: widths[i] - text.count)
                return i == 2 ? " " + space + text + " " : " " + text + space + " "
            }
            return bar + padded.joined(separator: bar) + bar
        }
        var out = ["Model: \"\(name)\""]
        out.append(line("┏", "━", "┳", "┓"))
        out.append(cells(header, "┃"))
        out.append(line("┡", "━", "╇", "┩"))
        for (i, row) in rows.enumerated() {
            out.append(cells(row, "│"))
            out.append(i == rows.count - 1 ? line("└", "─", "┴", "┘") : line("├", "─", "┼", "┤"))
        }
        let c = parameterCounts
        out.append(" Total params: \(Summary.grouped(c.total)) (\(Summary.bytes(c.total)))")
        out.append(" Trainable params: \(Summary.grouped(c.trainable)) (\(Summary.bytes(c.trainable)))")
        out.append(" Non-trainable params: \(Summary.grouped(c.nonTrainable)) (\(Summary.bytes(c.nonTrainable)))")
        return out.joined(separator: "\n")
    }
}

enum Summary {
    /// 233742 → "233,742".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// Float32 storage as Keras prints it (`readable_memory_size`): the bytes divided by
    /// 1024 until below 1024, in B, KB, MB, GB, TB or PB: "913.05 KB", "6.53 MB", "1.12 GB".
    static func bytes(_ count: Int) -> String {
        var size = Double(count) * 4
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size < 1024 { return format(size) + " " + unit }
            size /= 1024
        }
        return format(size) + " PB"
    }

    /// Two decimals as Python's "{:.2f}" gives them: the nearest hundredth, a tie going to
    /// the even one (1.125 KB prints as 1.12, 1.375 KB as 1.38). A size here is whole bytes
    /// over a power of 1024, so x · 100 is exact and this is the only rounding.
    static func format(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded(.toNearestOrEven))
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
