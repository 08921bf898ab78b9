import Foundation

/// What a page or exported notebook shows of a step's printed text: all of it, up to a
/// size a browser or Jupyter opens without trouble; past it, the start and the end with a
/// line saying how much was left out. A step that prints megabytes (a debugging loop left
/// in) would otherwise make a page of as many megabytes. The run itself keeps every line.
enum LongOutput {
    /// Beyond either limit the text is shortened.
    static let maximumLines = 2_000
    static let maximumBytes = 200_000
    /// Lines kept from the end of shortened text (the end of a long output is where a
    /// summary, or the line before a failure, usually is).
    static let tailLines = 20

    static func shortened(_ text: String) -> String {
        guard text.utf8.count > maximumBytes || text.utf8.lazy.filter({ $0 == UInt8(ascii: "\n") }).count > maximumLines else {
            return text
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var head: [Substring] = [], headBytes = 0
        let headBudget = maximumBytes - maximumBytes / 10
        for line in lines.prefix(maximumLines - tailLines) {
            // A single line longer than the budget is cut, not dropped whole.
            let room = headBudget - headBytes
            guard room > 0 else { break }
            let kept = line.utf8.count <= room ? line : Substring(String(decoding: line.utf8.prefix(room), as: UTF8.self))
            head.append(kept)
            headBytes += kept.utf8.count + 1
        }
        let tail = lines.count > head.count + tailLines ? Array(lines.suffix(tailLines)) : Array(lines.dropFirst(head.count))
        let left = lines.count - head.count - tail.count
        let leftBytes = text.utf8.count - (head + tail).reduce(0) { $0 + $1.utf8.count + 1 }
        let size = String(format: "%.1f MB", Double(max(leftBytes, 0)) / 1e6)
        let what = left > 0 ? "\(left) line\(left == 1 ? "" : "s") (\(size))" : size
        let note = "[… \(what) not shown here: `notebook run` prints the whole output]"
        return (head + [Substring(note)] + tail).joined(separator: "\n")
    }
}

extension OutputItem {
    /// The item with its text shortened as `LongOutput` does (plots and tables as they are).
    var shortenedForPages: OutputItem {
        switch self {
        case .text(let text): return .text(LongOutput.shortened(text))
        case .value(let text, let type): return .value(text: LongOutput.shortened(text), type: type)
        case .table, .plot: return self
        }
    }
}
