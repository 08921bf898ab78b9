/// The lines of a text file written on any system. Swift reads "\r\n" as one Character, so
/// splitting on "\n" alone would see a CRLF file as a single line.
extension StringProtocol {
    func textLines(omittingEmpty: Bool = false) -> [SubSequence] {
        split(omittingEmptySubsequences: omittingEmpty, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
