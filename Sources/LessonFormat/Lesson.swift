import Foundation
/// A lesson as written in `lessons/NAME.md`: prose, the Swift steps that run in order,
/// and the output each step is expected to produce. Produced by `Lesson.parse`.
public struct Lesson: Sendable {
    /// The lesson's name: its file name without `.md` (`sd_fc`).
    public let name: String
    /// The path the lesson is reported under, e.g. `lessons/sd_fc.md`.
    public let path: String
    /// The Markdown text exactly as read.
    public let source: String
    /// The steps in document order.
    public let steps: [Step]
    /// The document's first level-1 heading, if any.
    public let title: String?
    /// The Markdown after the last step (or its expected block): the lesson's closing prose.
    /// With each step's `proseBefore`, it covers every line that is not a step or expected block.
    public let closingProse: String
    /// The line where `closingProse` starts.
    public let closingProseLine: Int

    public init(name: String, path: String, source: String, steps: [Step], title: String?,
                closingProse: String = "", closingProseLine: Int = 1) {
        self.name = name
        self.path = path
        self.source = source
        self.steps = steps
        self.title = title
        self.closingProse = closingProse
        self.closingProseLine = closingProseLine
    }

    /// The step with this ID.
    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

    /// The parameters the lesson's code reads, by name: every `nb.param("NAME", ...)` (a
    /// string literal, as lessons write them), so that `--param` with a name no lesson
    /// reads is refused before anything runs instead of being ignored.
    public var parameterNames: Set<String> {
        Set(steps.flatMap { step in step.code.matches(of: #/\.param\(\s*"([^"\\]+)"/#).map { String($0.1) } })
    }

    /// The type each parameter is read as, where the code says it plainly: the annotation
    /// of `let x: UInt64 = try nb.param("seed", ...)`, else the kind of a literal default
    /// (`100` Int, `1.0` Double, `"none"` String, `true` Bool). Parameters whose default is
    /// an expression are absent. Lets a value of the wrong type be refused before a run.
    public var parameterTypeNames: [String: String] {
        var types: [String: String] = [:]
        for step in steps {
            // `default: 100)` or `default: 100, in: 1...)`; a bound decides the type with the
            // default (`default: 1, in: 0.5...` is a Double), as Swift's inference does.
            // Each literal starts and ends with a non-space, so the spaces around it can be
            // split between it and the `\s*` beside it in one way only: with `[^,)\n]+?` the
            // engine tried every split, and 3,000 spaces after `default: 1` (no closing
            // parenthesis) took seconds.
            for match in step.code.matches(of: #/\.param\(\s*"([^"\\]+)"\s*,\s*default:\s*([^,)\s](?:[^,)\n]*[^,)\s])?)\s*(?:,\s*in:\s*([^)\s](?:[^)\n]*?[^)\s])?)\s*\.\.\.\s*)?\)/#) {
                let literals = [match.2, match.3].compactMap { $0 }.map { String($0).trimmingCharacters(in: .whitespaces) }
                let kinds = Set(literals.map(Self.literalType))
                let type: String? = kinds == ["Int", "Double"] ? "Double" : (kinds.count == 1 ? kinds.first! : nil)
                if let type { types[String(match.1)] = type }
            }
            for match in step.code.matches(of: #/let\s+\w+\s*:\s*(\w+)\s*=\s*try\s+nb\.param\(\s*"([^"\\]+)"/#) {
                types[String(match.2)] = String(match.1)
            }
        }
        return types
    }

    /// The lower bound each parameter declares as a number literal (`nb.param("epochs",
    /// default: 100, in: 1...)`), as its text, so a `--param` below it is refused before
    /// any step runs rather than when the step that reads it is reached. Bounds that are
    /// expressions are absent; code after `//` is a comment, not a bound; a name read with
    /// two bounds keeps the larger, which is the one a value must clear for both reads.
    public var parameterLowerBounds: [String: String] {
        var bounds: [String: String] = [:]
        for step in steps {
            for line in step.code.split(separator: "\n") {
                let code = line.firstRange(of: "//").map { line[..<$0.lowerBound] } ?? line
                for match in code.matches(of: #/\.param\(\s*"([^"\\]+)"\s*,\s*default:[^)\n]*?,\s*in:\s*(-?[0-9]+(?:\.[0-9]+)?)\s*\.\.\.\s*\)/#) {
                    let name = String(match.1), bound = String(match.2)
                    if let earlier = bounds[name], let a = Double(earlier), let b = Double(bound), a >= b { continue }
                    bounds[name] = bound
                }
            }
        }
        return bounds
    }

    /// The type a Swift literal has by itself: `100` Int, `1.0` Double, `"none"` String,
    /// `true` Bool; nil for anything else (an expression).
    private static func literalType(_ literal: String) -> String? {
        if literal.wholeMatch(of: #/-?[0-9]+/#) != nil { return "Int" }
        if literal.wholeMatch(of: #/-?[0-9]*\.[0-9]+([eE][-+]?[0-9]+)?/#) != nil { return "Double" }
        if literal.wholeMatch(of: #/"[^"\\]*"/#) != nil { return "String" }
        if literal == "true" || literal == "false" { return "Bool" }
        return nil
    }

    /// The location of `line` in this lesson.
    public func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}

/// One ```` ```swift step=ID ```` block.
public struct Step: Sendable, Equatable {
    public let id: String
    /// Runs but is not shown in pages or in `notebook step` (setup code).
    public let hidden: Bool
    /// Runs, but its output is not compared with its expected block.
    public let noCheck: Bool
    /// The code, exactly as in the block (without the fences), ending in a newline.
    public let code: String
    /// The line of the opening fence.
    public let fenceLine: Int
    /// The line of the first code line (fence line + 1).
    public var codeLine: Int { fenceLine + 1 }
    /// The line of the closing fence.
    public let closingFenceLine: Int
    /// The text of the nearest heading above the step, used as its title.
    public let title: String?
    /// The Markdown between the previous step (or its expected block) and this step.
    public let proseBefore: String
    /// The line where `proseBefore` starts.
    public let proseLine: Int
    /// The block of expected output that follows the step, if any.
    public let expected: ExpectedBlock?

    public init(id: String, hidden: Bool, noCheck: Bool, code: String, fenceLine: Int,
                closingFenceLine: Int, title: String?, proseBefore: String, proseLine: Int,
                expected: ExpectedBlock?) {
        self.id = id
        self.hidden = hidden
        self.noCheck = noCheck
        self.code = code
        self.fenceLine = fenceLine
        self.closingFenceLine = closingFenceLine
        self.title = title
        self.proseBefore = proseBefore
        self.proseLine = proseLine
        self.expected = expected
    }
}

/// One ```` ```expected ```` block: the output its step should print.
public struct ExpectedBlock: Sendable, Equatable {
    /// The expected text, exactly as in the block (without the fences).
    public let text: String
    /// Relative tolerance for every number in the block (`rtol=`), default 0.
    public let relativeTolerance: Double
    /// Absolute tolerance for every number in the block (`atol=`), default 0.
    public let absoluteTolerance: Double
    /// The line of the opening fence.
    public let fenceLine: Int
    /// The line of the closing fence.
    public let closingFenceLine: Int
    /// What precedes the fence on its line (indentation inside lists), reused on rewrite.
    public let indentation: String

    public init(text: String, relativeTolerance: Double, absoluteTolerance: Double,
                fenceLine: Int, closingFenceLine: Int, indentation: String) {
        self.text = text
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.fenceLine = fenceLine
        self.closingFenceLine = closingFenceLine
        self.indentation = indentation
    }
}
