import LessonFormat

/// A lesson cut into what a page or a notebook shows in order: pieces of prose and steps.
/// Expected-output blocks are left out (the page shows the step's actual output); prose
/// standing between a step and its expected block comes right after the step.
enum LessonSection: Equatable {
    /// Markdown prose, starting at `line` of the lesson file.
    case prose(String, line: Int)
    case step(Step)

    static func sections(of lesson: Lesson) -> [LessonSection] {
        let lines = lesson.source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == "\r" ? $0.dropLast() : $0 }
        /// Lines `first...last` (1-based) as prose, or nothing when blank.
        func prose(_ first: Int, _ last: Int) -> [LessonSection] {
            let lower = max(first, 1), upper = min(last, lines.count)
            guard lower <= upper else { return [] }
            let text = lines[(lower - 1)..<upper].joined(separator: "\n") + "\n"
            return text.allSatisfy(\.isWhitespace) ? [] : [.prose(text, line: lower)]
        }
        var sections: [LessonSection] = []
        var next = 1
        for step in lesson.steps {
            sections += prose(next, step.fenceLine - 1)
            sections.append(.step(step))
            next = step.closingFenceLine + 1
            if let expected = step.expected {
                sections += prose(next, expected.fenceLine - 1)
                next = expected.closingFenceLine + 1
            }
        }
        sections += prose(next, lines.count)
        return sections
    }
}
