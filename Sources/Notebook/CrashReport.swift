import Foundation

/// Reads what a crashed lesson process left in its captured output: the step's own output,
/// the runtime's message (`lessons/x.md:57: Fatal error: ...`), and the lesson line it names
/// (from the message, else from the innermost backtrace frame in the lesson file).
struct CrashReport {
    /// Text the step printed before the crash.
    var output: String
    /// The runtime's one-line message, e.g. `Fatal error: Index out of range`.
    var message: String?
    /// The lesson line the crash happened on, when the message or backtrace names it.
    var line: Int?
    /// The crash report, trimmed to its first lines.
    var details: String?

    /// What the runtime says went wrong: `fatalError` and friends, and the checks compiled
    /// into the code (`Swift runtime failure: Negative value is not representable`).
    static let messageMarkers = ["Fatal error:", "Precondition failed:", "Assertion failed:", "Swift runtime failure:"]
    /// Lines that start the Swift runtime's crash output (the backtracer's banner comes
    /// before the runtime failure it explains).
    static let markers = messageMarkers + ["Program crashed:", "*** Signal ", "Illegal instruction", "Segmentation fault"]

    init(text: String, lessonPath: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { line in Self.markers.contains { line.contains($0) } }) else {
            output = text
            return
        }
        output = lines[..<start].map { $0 + "\n" }.joined()
        while output.hasSuffix("\n\n") { output.removeLast() }  // the blank line before the runtime's banner
        if output.allSatisfy(\.isWhitespace) { output = "" }
        let crashLines = Array(lines[start...])
        // `lessons/demo.md:57: Fatal error: msg` → message `Fatal error: msg`, line 57; the
        // backtracer's `*** Swift runtime failure: msg ***` → `Swift runtime failure: msg`.
        // A message marker anywhere in the first lines beats the banner that opens them.
        // Else the backtracer's `Program crashed: Illegal instruction at 0x…`, which says more
        // than the `Signal 4: Backtracing…` banner before it, with the innermost frame's
        // function: a trap in a release build (an index out of range) names no failure.
        let candidates = crashLines.prefix(12).map(String.init)
        let messageLine = candidates.first { line in Self.messageMarkers.contains { line.contains($0) } }
            ?? candidates.first { $0.contains("Program crashed:") } ?? candidates[0]
        if let marker = Self.markers.first(where: { messageLine.contains($0) }), let range = messageLine.range(of: marker) {
            var text = String(messageLine[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
            if text.hasSuffix(" ***") { text.removeLast(4) }
            if marker == "Program crashed:" {
                text = text.replacing(#/ at 0x[0-9a-f]+$/#, with: "")
                if let function = Self.innermostFunction(in: crashLines.prefix(40).map(String.init)) { text += " in \(function)" }
            }
            message = text
        }
        line = Self.lessonLine(in: crashLines.map(String.init), path: lessonPath)
        details = crashLines.prefix(40).joined(separator: "\n")
    }

    /// The function of the backtrace's frame 0 (`  0 [inlined] [system] 0x… specialized
    /// Array.subscript.getter in lesson-child at …`).
    ///
    /// Lines over 2,000 bytes are passed over: a frame line is a few hundred, and the
    /// pattern's lazy parts backtrack on a long line (27 KB of "0x1 a in " repeated,
    /// output a lesson printed after the crash banner, took 69 s).
    static func innermostFunction(in lines: [String]) -> String? {
        for line in lines where line.utf8.count <= 2_000 {
            guard let match = line.firstMatch(of: #/^\s*0\s.*?0x[0-9a-f]+ (.+?) in \S+( at .*)?$/#) else { continue }
            return String(match.1)
        }
        return nil
    }

    /// The first `PATH:LINE` naming the lesson file in the crash lines. `fatalError` names
    /// the file by `#fileID` (`DemoLesson/demo.md:94`), backtraces by the path; both count.
    static func lessonLine(in lines: [String], path: String) -> Int? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        for line in lines {
            guard let range = line.range(of: path + ":") ?? line.range(of: "/" + fileName + ":") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let number = Int(digits) { return number }
        }
        return nil
    }
}
