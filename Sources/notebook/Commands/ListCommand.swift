import ArgumentParser
import Notebook

/// `notebook list`: the lessons, their steps and titles.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons with their steps and titles."
    )

    func run() throws {
        let style = TerminalStyle.forStandardOutput()
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
                print("    \(step.id)" + style.dim("  line \(step.fenceLine)" + (flags.isEmpty ? "" : ", " + flags.joined(separator: ", "))))
            }
        }
    }
}
