/// A lesson that cannot be tangled or run, with the place to fix it.
/// Printed as `file:line:col: error: message`, the form compilers use.
public struct LessonFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, one case per rule of the lesson format (docs/lesson-format.md).
    public enum Kind: Equatable, Sendable {
        /// A fence opened with ``` or ~~~ that is never closed.
        case unclosedFence
        /// Two steps with the same `step=ID`; `firstLine` is where the first one is.
        case duplicateStepID(String, firstLine: Int)
        /// A `swift` block with no `step=ID` (and not marked `example`), or `step=` with no ID.
        case missingStepID
        /// A step ID with characters other than letters, digits, `_` and `-`.
        case invalidStepID(String)
        /// An `expected` block with no step before it.
        case expectedWithoutStep
        /// A second `expected` block for step `step`, whose first is on `firstLine`.
        case secondExpected(step: String, firstLine: Int)
        /// A `swift` or `expected` fence inside an HTML block that a blank line would end
        /// (`<details>` on the line above): Markdown reads the fence as HTML, so the step
        /// would silently never run, or the block never be checked. `htmlLine` is where
        /// the HTML block starts.
        case fenceInHTML(language: String, htmlLine: Int)
        /// An option the block's kind does not know.
        case unknownOption(String, blockKind: String)
        /// `rtol=`/`atol=` with a value that is not a non-negative number.
        case invalidTolerance(String)
        /// An option given twice on one fence (`step=a step=b`): which one is meant is unclear.
        case repeatedOption(String)
        /// `Swift` or `EXPECTED`: the block languages the runner knows are lower case, and
        /// such a block would silently be prose.
        case languageCase(String)
        /// A control character (other than tab and line ends) or DEL: it cannot be compiled
        /// into the lesson module, and is almost always a stray byte.
        case controlCharacter(UInt32)
        /// A byte that is not UTF-8.
        case invalidUTF8(UInt8)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var message: String {
        switch kind {
        case .unclosedFence:
            return "unclosed code fence: add a closing fence line"
        case let .duplicateStepID(id, firstLine):
            return "duplicate step ID '\(id)' (first used on line \(firstLine))"
        case .missingStepID:
            return "missing step ID: write ```swift step=ID (or ```swift example for code that is shown but not run)"
        case let .invalidStepID(id):
            return "invalid step ID '\(id)': use letters, digits, '_' and '-'"
        case .expectedWithoutStep:
            return "expected block with no step before it: put it after the ```swift step=ID block whose output it shows"
        case let .secondExpected(step, firstLine):
            return "step '\(step)' already has an expected block (line \(firstLine)): a step has one; merge the two"
        case let .fenceInHTML(language, htmlLine):
            let lost = language == "expected" ? "this expected block would never be checked" : "this step would never run"
            return "this ```\(language) fence is inside the HTML block that starts on line \(htmlLine), so Markdown reads it "
                + "as HTML and \(lost): put a blank line between the HTML and the fence"
        case let .unknownOption(option, kind):
            let known = kind == "expected" ? "rtol=, atol=" : "step=ID, hidden, no-check"
            return "unknown option '\(option)' for a \(kind) block (known: \(known))"
        case let .invalidTolerance(text):
            return "invalid tolerance '\(text)': expected a non-negative number (rtol at most 1), e.g. rtol=0.02"
        case let .repeatedOption(key):
            return "option '\(key)' given twice on one fence: keep one"
        case let .languageCase(word):
            return "'\(word)' is not a block language the runner knows: write '\(word.lowercased())' (lower case)"
        case let .controlCharacter(value):
            return "control character U+\(hex(value, digits: 4)) in the lesson: remove it (lessons are plain text)"
        case let .invalidUTF8(byte):
            return "byte 0x\(hex(UInt32(byte), digits: 2)) is not UTF-8: save the lesson as UTF-8"
        }
    }

    public var description: String { "\(location): error: \(message)" }

    private func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
