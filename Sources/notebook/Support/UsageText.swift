/// A command's usage line for its help, wrapped to fit an 80-column terminal.
///
/// ArgumentParser writes the usage it generates on one line, however long: `run`'s took
/// 201 columns. Commands with many options give it this instead, word for word what
/// ArgumentParser would print, broken between options; its help prints "USAGE: " before
/// the first line and indents the others as far (HelpTextTests checks that every option
/// of each command is still named and that no line passes 80 columns).
enum UsageText {
    /// "USAGE: " and the indent ArgumentParser gives the lines after the first.
    static let indent = 7

    /// The pieces (the command, then each argument or option as ArgumentParser shows it)
    /// joined by spaces, a new line started before a piece that would pass 80 columns.
    static func wrapped(_ pieces: [String], width: Int = 80) -> String {
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if !line.isEmpty, indent + line.count + 1 + piece.count > width {
                lines.append(line)
                line = piece
            } else {
                line += line.isEmpty ? piece : " " + piece
            }
        }
        return (lines + [line]).joined(separator: "\n")
    }
}
