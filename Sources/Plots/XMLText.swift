/// Escapes text for XML character data and attribute values, so that a title like
/// `<script>` or `a & b` is shown as written and never becomes markup. Used for SVG
/// plots here and for the runner's JUnit reports.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids control characters other than tab, newline and carriage
                // return; drop them (a step's output may hold ANSI escapes).
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
