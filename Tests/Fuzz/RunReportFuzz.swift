import Foundation
import LessonFormat
@testable import Notebook

/// One stored run's bytes, as `.cache/runs/demo.json`: read as `notebook site`, `export`,
/// `predict --lesson` and `cache list` read it, then shown the ways a stored run is shown
/// (terminal report, site pages, Jupyter notebook, the staleness check) against a lesson
/// whose steps are the run's. A run that reads must write back as what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fuzz-run-report-\(getpid())")
    let file = ReportStore.url(for: "demo", cacheRoot: root)
    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: file.path, contents: Data(bytes: start, count: count))
    _ = try? CacheInventory(root: root)
    guard let report = try? ReportStore.load("demo", cacheRoot: root) else { return 0 }

    let written = try! ReportStore.encode(report)
    let reread = try! ReportStore.decoder().decode(LessonReport.self, from: written)
    precondition(try! ReportStore.encode(reread) == written, "a stored run reads back as another run")

    let lesson = lessonRunning(report.steps)
    _ = TerminalReport.steps(report.steps, style: TerminalStyle(width: 60))
    _ = StoredRunCheck.staleness(of: report, for: lesson, version: "fuzz")
    _ = LessonSite(lessons: [RenderedLesson(lesson: lesson, report: report)], introduction: nil,
                   generatedAt: Date(timeIntervalSince1970: 0)).pages()
    _ = try? JupyterNotebook(lesson: lesson, report: report).json()
    return 0
}

/// A lesson with one step per step of the run (where its IDs make a lesson), so that the
/// site and the notebook show the run's outputs, plots included.
private func lessonRunning(_ steps: [StepReport]) -> Lesson {
    let blocks = steps.prefix(50).map { "## \($0.title ?? $0.id)\n\n```swift step=\($0.id)\nprint(1)\n```\n" }
    if let lesson = try? Lesson.parse("# Demo\n\n" + blocks.joined(separator: "\n"), path: "lessons/demo.md") { return lesson }
    return try! Lesson.parse("# Demo\n\n```swift step=a\nprint(1)\n```\n", path: "lessons/demo.md")
}
