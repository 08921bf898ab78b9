import Plots

/// Escapes text for HTML, so that whatever a step prints or a lesson names (`<script>`,
/// `<img onerror=...>`, `a & b`) is shown as written and never becomes markup.
enum HTMLText {
    /// Text escaped for element content and for double- or single-quoted attribute values.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Form feed is whitespace to HTML (not to XML). Any other control character (NUL,
            // BEL, DEL, C1) or noncharacter is a parse error in HTML: show a replacement.
            case "\u{C}": out.unicodeScalars.append(scalar)
            case _ where !XMLText.isAllowed(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A fragment identifier made of `text`: lower-case ASCII letters, digits and `-`,
    /// other characters dropped, spaces and punctuation runs as one `-`. Empty text gives "section".
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_") {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

/// Hands out fragment identifiers unique within one page (`results`, `results-2`, ...).
struct AnchorNames {
    private var used: Set<String> = []

    /// Reserves `names` (e.g. the step anchors) so headings never take them.
    init(reserved names: [String] = []) {
        used = Set(names)
    }

    mutating func unique(_ base: String) -> String {
        var name = base
        var number = 2
        while used.contains(name) {
            name = "\(base)-\(number)"
            number += 1
        }
        used.insert(name)
        return name
    }
}
