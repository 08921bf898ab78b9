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
                // Drop what XML or HTML cannot carry (a step's output may hold ANSI escapes).
                if !isAllowed(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` may stand in both an XML 1.0 document and an HTML page (SVG plots are
    /// inlined in the site's pages). XML 1.0 allows tab, newline, carriage return and
    /// U+0020 up, except U+FFFE and U+FFFF (surrogates are no `Unicode.Scalar`); HTML also
    /// rejects DEL, the C1 controls and the other noncharacters, which XML only discourages.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return scalar == "\t" || scalar == "\n" || scalar == "\r" }
        if (0x7F...0x9F).contains(value) { return false }
        // Noncharacters: U+FDD0-U+FDEF and the last two code points of every plane.
        return !(0xFDD0...0xFDEF).contains(value) && value & 0xFFFE != 0xFFFE
    }
}
