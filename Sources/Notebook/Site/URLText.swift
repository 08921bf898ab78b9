/// Text made fit for a link's address.
enum URLText {
    /// `segment` as one relative URL path segment: every byte outside RFC 3986's unreserved
    /// characters (ASCII letters, digits, `-._~`) percent-encoded, so `two words` becomes
    /// `two%20words`, `#` and `?` stay part of the name, and a `:` cannot make a lesson
    /// called `a:b` read as a URL scheme. Ordinary names (`sd_fc`) are unchanged.
    static func pathSegment(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }
}
