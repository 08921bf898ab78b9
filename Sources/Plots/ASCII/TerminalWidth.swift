/// How many terminal columns text takes: CJK ideographs, kana, Hangul, fullwidth forms and
/// emoji take two, combining marks none, the rest one. Layouts that counted characters put
/// everything after a Chinese or Japanese label one column further right per character.
///
/// The wide ranges are the blocks that Unicode's East Asian Width property (UAX #11,
/// EastAsianWidth.txt) marks W or F, grouped as Markus Kuhn's `wcwidth` groups them;
/// emoji are the characters with the Emoji_Presentation property (UTS #51), or any
/// followed by the emoji variation selector U+FE0F, which terminals draw two columns wide.
/// Swift's `Character` is a whole grapheme cluster, so a letter with its accents is one
/// character of the base letter's width; a mark standing alone takes no column.
enum TerminalWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.isASCII { return 1 }
        let category = first.properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark || (0x200B...0x200F).contains(first.value) {
            return 0
        }
        if first.properties.isEmojiPresentation || character.unicodeScalars.contains("\u{FE0F}") { return 2 }
        return wide.contains { $0.contains(first.value) } ? 2 : 1
    }

    /// The longest start of `text` that takes at most `columns` columns.
    static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > columns { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Blocks of East Asian Width W or F.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,  // CJK unified ideographs extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x2FFFD,  // CJK extensions B-F
        0x30000...0x3FFFD,  // CJK extension G on
    ]
}
