/// Which lines of an expected block and of a step's output pair up, for the diff
/// `notebook test` prints.
///
/// Swift's `difference(from:by:)` (Myers) takes time quadratic in the number of differing
/// lines: a three-line block against a step that printed 100,000 lines took 51 s, with
/// `notebook test` silent meanwhile. Here the lines the two share at their start and end
/// are paired first; what lies between is aligned exactly (a longest common subsequence,
/// in time and memory proportional to the product of the two lengths) while that product
/// is small, which covers a short block against any output. Beyond it, lines are paired
/// one to one if the counts agree (a long block whose numbers moved), else none are.
enum LineAlignment {
    /// The most cells the exact alignment fills: 4 million, a block of 4 lines against an
    /// output of a million (at most about 40 MB: a 4-byte length per cell of a table one
    /// row and column larger, and a byte per cell for the matches).
    static let exactCellLimit = 4_000_000

    /// The pairs (expected index, actual index) of matching lines, both increasing.
    static func pairs(expectedCount: Int, actualCount: Int, same: (Int, Int) -> Bool) -> [(Int, Int)] {
        var start = 0
        while start < expectedCount, start < actualCount, same(start, start) { start += 1 }
        var end = 0  // lines matching at the ends, after the common start
        while end < expectedCount - start, end < actualCount - start,
              same(expectedCount - 1 - end, actualCount - 1 - end) { end += 1 }
        let expected = start..<(expectedCount - end), actual = start..<(actualCount - end)
        let middle: [(Int, Int)]
        if expected.isEmpty || actual.isEmpty {
            middle = []
        } else if expected.count * actual.count <= exactCellLimit {
            middle = longestCommonSubsequence(expected, actual, same: same)
        } else if expected.count == actual.count {
            middle = zip(expected, actual).filter { same($0, $1) }
        } else {
            middle = []
        }
        return (0..<start).map { ($0, $0) } + middle
            + (0..<end).reversed().map { (expectedCount - 1 - $0, actualCount - 1 - $0) }
    }

    /// An exact alignment of the two ranges; where there is a choice, an expected line is
    /// dropped before an actual line is added, so removals come before insertions.
    private static func longestCommonSubsequence(_ expected: Range<Int>, _ actual: Range<Int>,
                                                 same: (Int, Int) -> Bool) -> [(Int, Int)] {
        let rows = expected.count, columns = actual.count, width = columns + 1
        // length[i * width + j]: the longest common subsequence of the lines from i and from j.
        var length = [Int32](repeating: 0, count: (rows + 1) * width)
        var matches = [Bool](repeating: false, count: rows * columns)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                if same(expected.lowerBound + i, actual.lowerBound + j) {
                    matches[i * columns + j] = true
                    length[i * width + j] = length[(i + 1) * width + j + 1] + 1
                } else {
                    length[i * width + j] = max(length[(i + 1) * width + j], length[i * width + j + 1])
                }
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0, j = 0
        while i < rows, j < columns {
            if matches[i * columns + j] {
                pairs.append((expected.lowerBound + i, actual.lowerBound + j))
                i += 1; j += 1
            } else if length[(i + 1) * width + j] >= length[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }
}
