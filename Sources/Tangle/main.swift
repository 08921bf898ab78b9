// tangle LESSON.md OUTPUT.swift [--display-path lessons/NAME.md]
// Writes the lesson module source for one lesson (see LessonFormat.Tangler). Problems
// in the lesson are printed as `file:line:col: error: ...` and make the build fail.
import Foundation
import LessonFormat

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 || (arguments.count == 4 && arguments[2] == "--display-path") else {
    FileHandle.standardError.write(Data("usage: tangle LESSON.md OUTPUT.swift [--display-path PATH]\n".utf8))
    exit(2)
}
let input = URL(fileURLWithPath: arguments[0])
let output = URL(fileURLWithPath: arguments[1])
let displayPath = arguments.count == 4 ? arguments[3] : arguments[0]

do {
    let source = try Lesson.text(of: try Data(contentsOf: input), path: displayPath)
    let lesson = try Lesson.parse(source, path: displayPath)
    let swift = Tangler.swiftSource(for: lesson)
    // Leave an unchanged file untouched so the compiler does not redo its work.
    if let existing = try? String(contentsOf: output, encoding: .utf8), existing == swift { exit(0) }
    try Data(swift.utf8).write(to: output, options: .atomic)
} catch let errors as LessonFormatErrors {
    // Absolute paths let the build log link to the file whatever the working directory.
    let text = errors.errors.map { error -> String in
        var located = error
        located.location.file = input.path
        return located.description
    }.joined(separator: "\n")
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("\(input.path): error: \(error)\n".utf8))
    exit(1)
}
