import Foundation

/// How terminal output looks: width and whether ANSI styles are used (only on a terminal,
/// and never when `NO_COLOR` is set).
public struct TerminalStyle: Sendable {
    public var width: Int
    public var color: Bool
    /// Whether the output is a terminal, which cuts lines at `width` in mid-word: long
    /// messages are then wrapped between words. Logs keep them whole, for searching.
    public var wrapsLines: Bool

    public init(width: Int = 80, color: Bool = false, wrapsLines: Bool? = nil) {
        self.width = width
        self.color = color
        self.wrapsLines = wrapsLines ?? color
    }

    /// The style for standard output: colour when it is a terminal; the width from
    /// `COLUMNS`, else the terminal's own (shells set `COLUMNS` without exporting it),
    /// else 80; kept within 40-120.
    public static func forStandardOutput() -> TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let width = environment["COLUMNS"].flatMap(Int.init) ?? terminalColumns() ?? 80
        let terminal = isatty(STDOUT_FILENO) == 1
        return TerminalStyle(width: max(40, min(width, 120)), color: terminal && environment["NO_COLOR"] == nil,
                             wrapsLines: terminal)
    }

    /// The width of the terminal standard output writes to, if it is one.
    public static func terminalColumns() -> Int? { terminalSize()?.ws_col.nonZero }

    /// The height of the terminal standard output writes to, if it is one and says
    /// (a pseudo-terminal nobody sized reports 0 rows).
    public static func terminalRows() -> Int? { terminalSize()?.ws_row.nonZero }

    private static func terminalSize() -> winsize? {
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? size : nil
    }

    public func bold(_ text: String) -> String { style(text, "1") }
    public func dim(_ text: String) -> String { style(text, "2") }
    public func green(_ text: String) -> String { style(text, "32") }
    public func red(_ text: String) -> String { style(text, "31") }
    public func yellow(_ text: String) -> String { style(text, "33") }
    public func cyan(_ text: String) -> String { style(text, "36") }

    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

private extension UInt16 {
    /// The value as an Int, or nil for 0 (a size the terminal does not give).
    var nonZero: Int? { self > 0 ? Int(self) : nil }
}
