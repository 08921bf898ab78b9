import Foundation
import LessonSupport
import Lessons
import Notebook

/// A model a lesson trained, found through the lesson's stored run (`.cache/runs/NAME.json`):
/// the `.npz` value one of its steps cached (`nb.cached`), a `TrainedModel` with the weights
/// and training curves. `notebook predict --lesson` uses it, so that a reader who ran a
/// lesson can try its network on recordings of their own without training it again.
struct LessonModel {
    let lesson: String
    /// The cached value's name (`trained`, `trained-si`, ...) and the step that used it.
    let value: String
    let step: String
    let run: LessonReport
    let model: TrainedModel
    /// The cached `.npz` the model was read from.
    let file: URL

    /// Finds the trained model of `lesson`'s stored run under `cacheRoot`; `value` picks one
    /// when the run cached several (si_lstm trains three networks).
    /// - Throws: `CommandFailure` saying what to run or pass when there is no stored run, no
    ///   model in it, more than one without `value`, or its file is gone.
    static func load(lesson: String, value: String?, cacheRoot: URL) throws -> LessonModel {
        guard LessonRegistry.lesson(named: lesson) != nil else { throw CommandFailure(LessonSelection.unknownLesson(lesson).message) }
        let stored: LessonReport?
        do { stored = try ReportStore.load(lesson, cacheRoot: cacheRoot) } catch let error as StoredRunError {
            throw CommandFailure("\(error); run the lesson again (notebook run \(lesson))")
        }
        guard let run = stored else {
            throw CommandFailure("lesson \(lesson) has no stored run in \(cacheRoot.path): run it first "
                                 + "(notebook run \(lesson); notebook step stores no run), or give the --cache-dir it ran with")
        }
        let uses = run.steps.flatMap { step in step.cache.map { (step: step.id, use: $0) } }
        if uses.contains(where: { $0.use.file == nil }) {
            throw CommandFailure("lesson \(lesson)'s stored run was made by an earlier notebook, which did not "
                                 + "record where its cached values are: run the lesson again")
        }
        let models = uses.filter { $0.use.file?.hasSuffix(".\(TrainedModel.cacheFileExtension)") == true }
        let names = models.map { "\($0.use.name) (step '\($0.step)')" }.joined(separator: ", ")
        let chosen: (step: String, use: CacheUse)
        if let value {
            guard let match = models.first(where: { $0.use.name == value }) else {
                throw CommandFailure(models.isEmpty
                    ? "lesson \(lesson)'s stored run cached no trained model"
                    : "lesson \(lesson)'s stored run has no model '\(value)'; it has \(names)")
            }
            chosen = match
        } else {
            guard let only = models.first else {
                // A complete run without one: the lesson trains no network (demo).
                throw CommandFailure(run.steps.allSatisfy { $0.status == .ok }
                    ? "lesson \(lesson) trains no network (its stored run is complete and cached none); "
                        + "give a lesson that does: sd_fc, sd_lstm, si_lstm or si_cnn"
                    : "lesson \(lesson)'s stored run cached no trained model: "
                        + "did it stop before training? (notebook run \(lesson))")
            }
            guard models.count == 1 else {
                throw CommandFailure("lesson \(lesson)'s stored run trained \(models.count) models: \(names); "
                                     + "choose one with --value")
            }
            chosen = only
        }
        if let reason = chosen.use.notStored {
            throw CommandFailure("lesson \(lesson)'s run could not store its model '\(chosen.use.name)' in the cache "
                                 + "(\(reason)): make room or fix the folder, then run the lesson again")
        }
        // The stored run names a file under the cache's values/ folder, and nothing else.
        let file = chosen.use.file!
        guard file.hasPrefix("values/"), !file.split(separator: "/").contains("..") else {
            throw CommandFailure("lesson \(lesson)'s stored run names '\(file)' as its model, outside the cache's values/ folder")
        }
        let url = cacheRoot.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure("\(url.path), the model lesson \(lesson)'s stored run cached, is gone "
                                 + "(the cache was cleared, or a later run of the lesson replaced it): run the lesson again")
        }
        let model: TrainedModel
        do { model = try TrainedModel.load(from: url) } catch {
            throw CommandFailure("\(url.path) is not a trained model (\(error))")
        }
        return LessonModel(lesson: lesson, value: chosen.use.name, step: chosen.step, run: run, model: model, file: url)
    }

    /// Where the weights come from, for the first lines of the output: the lesson, its step
    /// and value, and the run's date and parameters.
    var provenance: String {
        let parameters = run.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let settings = parameters.isEmpty ? "" : ", " + parameters.joined(separator: " ")
        // Two lines, each within 80 columns.
        return "weights: '\(value)', trained by lesson \(lesson) in step '\(step)' (\(model.epochs) epochs)\n"
            + "stored run: \(PageDate.text(run.startedAt, seconds: true))\(settings)"
    }
}
