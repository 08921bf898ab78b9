import Foundation
import LessonFormat

/// One lesson file's bytes: read as the runner reads lessons/NAME.md, parsed, its
/// nb.param calls read, and tangled.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let text = try? Lesson.text(of: data, path: "lessons/fuzz.md"),
          let lesson = try? Lesson.parse(text, path: "lessons/fuzz.md") else { return 0 }
    _ = lesson.parameterNames
    _ = lesson.parameterTypeNames
    _ = lesson.parameterLowerBounds
    _ = Tangler.swiftSource(for: lesson)
    return 0
}
