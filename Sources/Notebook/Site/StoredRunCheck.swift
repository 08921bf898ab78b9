import Foundation
import LessonFormat

/// Decides whether the last stored run of a lesson (`.cache/runs/NAME.json`) can be shown
/// for the lesson as compiled now, or must be run again first.
///
/// A run is out of date when it was made by another version of the project, when the
/// lesson's steps are not the ones it ran (IDs or lines differ: steps were added, removed
/// or edited), when it stopped early without a failure (`--until`, a quit `notebook step`),
/// or when the lesson file was modified after the run started. The report holds no copy of
/// the code, so an edit that keeps every step on its lines is caught only by the file's
/// modification time.
public enum StoredRunCheck {
    /// Why `report` is out of date for `lesson`, or nil when it is current.
    ///
    /// - Parameter lessonFile: the lesson's Markdown on disk, when known; a file modified
    ///   after the run started makes the run out of date.
    public static func staleness(of report: LessonReport, for lesson: Lesson, version: String,
                                 lessonFile: URL? = nil) -> String? {
        if report.version != version {
            return "it was made by version \(report.version), this is \(version)"
        }
        let ran = report.steps.map { "\($0.id)@\($0.line)" }
        let now = lesson.steps.map { "\($0.id)@\($0.fenceLine)" }
        if ran != now { return "the lesson's steps changed since it ran" }
        if !report.steps.contains(where: { $0.status == .failed }),
           let stopped = report.steps.first(where: { $0.status == .skipped }) {
            return "it stopped before step '\(stopped.id)' (\(stopped.skipReason ?? "not run"))"
        }
        if let lessonFile,
           let modified = (try? FileManager.default.attributesOfItem(atPath: lessonFile.path))?[.modificationDate] as? Date,
           modified > report.startedAt {
            return "\(lessonFile.lastPathComponent) was modified after it ran"
        }
        return nil
    }
}
