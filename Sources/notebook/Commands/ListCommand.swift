import ArgumentParser
import Notebook

/// `notebook list`: the lessons, their steps and titles.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons with their steps and titles."
    )

    /// What each flag after a step's line means, for the flags the listing used.
    static let flagMeanings = [
        ("checked", "`notebook test` compares the step's output with its expected block"),
        ("no-check", "the step has an expected block that is not compared"),
        ("hidden", "the step runs without being shown"),
    ]

    func run() throws {
        let style = TerminalStyle.forStandardOutput()
        var used = Set<String>()
        for entry in LessonSelection.entriesOrEmpty() {
            let lesson = try entry.document()
            // The file on a line of its own: beside a long title it passed 80 columns.
            print(style.bold(lesson.name) + (lesson.title.map { " — \($0)" } ?? ""))
            print(style.dim("  (\(lesson.path))"))
            var lastTitle: String?
            for step in lesson.steps {
                if let title = step.title, title != lastTitle, title != lesson.title {
                    print("  " + title)
                    lastTitle = title
                }
                let flags = [step.hidden ? "hidden" : nil, step.noCheck ? "no-check" : nil, step.expected != nil ? "checked" : nil]
                    .compactMap { $0 }
                used.formUnion(flags)
                print("    \(step.id)" + style.dim("  line \(step.fenceLine)" + (flags.isEmpty ? "" : ", " + flags.joined(separator: ", "))))
            }
        }
        let legend = Self.flagMeanings.filter { used.contains($0.0) }
        if !legend.isEmpty { print("") }
        for (flag, meaning) in legend { print(style.dim("\(flag): \(meaning).")) }
        print(style.dim("Follow a lesson with `notebook step NAME`, run it with `notebook run NAME`."))
    }
}
