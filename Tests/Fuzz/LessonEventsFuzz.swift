import Foundation
import LessonFormat
@testable import Notebook

/// What a lesson's process leaves for `notebook run` to read: its events file (JSON lines)
/// and its captured output, the input's bytes before and after its first NUL. Read as the
/// runner reads them once the process has ended: the events in order, each shown item's
/// and finished step's text cut from the capture at the offset the event gives, the report
/// assembled, and for a step left running, its crash message and lesson line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Data(bytes: start, count: count)
    let cut = input.firstIndex(of: 0) ?? input.endIndex
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fuzz-lesson-events-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let events = folder.appendingPathComponent("events.jsonl"), capture = folder.appendingPathComponent("output.txt")
    FileManager.default.createFile(atPath: events.path, contents: input[..<cut])
    FileManager.default.createFile(atPath: capture.path, contents: cut < input.endIndex ? input[(cut + 1)...] : Data())

    guard let reader = try? EventReader(url: events) else { return 0 }
    var builder = ReportBuilder(lesson: lesson, startedAt: Date(timeIntervalSince1970: 0), version: "fuzz")
    var tail = CaptureTail(url: capture)
    for event in reader.next() {
        switch event {
        case .shown(_, let offset), .stepFinished(_, let offset): _ = tail.read(upTo: offset)
        default: break
        }
        builder.consume(event)
    }
    _ = tail.read(upTo: tail.size(), wholeLines: true)
    if let running = builder.running {
        let crash = CrashReport(text: LessonRunner.text(of: capture, from: running.captureOffset), lessonPath: lesson.path)
        _ = builder.report(crash: StepError(message: crash.message ?? "died", location: lesson.location(line: crash.line ?? 1),
                                            crashed: true, details: crash.details), crashOutput: crash.output)
    } else {
        _ = builder.report()
    }
    return 0
}

/// Steps a, b and c, as the seeds' events name them.
private let lesson = try! Lesson.parse("""
    # Events

    ```swift step=a
    print(1)
    ```

    ## Second

    ```swift step=b
    print(2)
    ```

    ```swift step=c
    print(3)
    ```
    """, path: "lessons/events.md")
