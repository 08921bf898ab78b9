import ArgumentParser
import Foundation
import Lessons
import Notebook
import NumPy

/// `notebook cache`: the store of cached values and last runs under `.cache/`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Manage the cache of lesson values and runs.",
        subcommands: [List.self, Clear.self]
    )

    /// A `--cache-dir` that is a file is refused by `list` as by `clear` (`OutputPaths.checkFolder`):
    /// listing it as "nothing cached" hid the mistake. Listing needs no write access.
    static func refuseFile(_ cacheDir: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: cacheDir, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandFailure("--cache-dir \(cacheDir) is a file; give a folder")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cached values (with their sizes and the stored runs that use them) and the stored runs."
        )

        @Option(help: ArgumentHelp("The cache folder.", valueName: "dir"))
        var cacheDir: String = ".cache"

        func run() throws {
            try CacheCommand.refuseFile(cacheDir)
            let root = URL(fileURLWithPath: cacheDir, isDirectory: true)
            let inventory = try CacheInventory(root: root)
            guard !inventory.values.isEmpty || !inventory.runs.isEmpty || !inventory.unreadableRuns.isEmpty
                    || inventory.temporaryFiles > 0 else {
                print("nothing cached in \(cacheDir)")
                return
            }
            if !inventory.values.isEmpty {
                print(Table(headers: ["lesson", "value", "MB", "used by (stored runs)", "file"], rows: inventory.values.map { value in
                    [value.folder, value.name, Self.megabytes(value.bytes),
                     value.usedBy.isEmpty ? "none (an earlier run's)" : value.usedBy.joined(separator: ", "), value.file]
                }).rendered())
            }
            if !inventory.runs.isEmpty {
                print(Table(headers: ["stored run", "started", "steps", "failed", "parameters"], rows: inventory.runs.map { run in
                    [run.lesson, PageDate.text(run.startedAt, seconds: true), String(run.steps), String(run.failedSteps),
                     run.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
                }).rendered())
            }
            for run in inventory.unreadableRuns {
                // `clear NAME` takes lesson names only; another file goes with a whole clear.
                let lesson = String(run.file.dropFirst("runs/".count).dropLast(".json".count))
                let clear = LessonRegistry.lesson(named: lesson) == nil ? "notebook cache clear" : "notebook cache clear \(lesson)"
                print("\(run.file): unreadable stored run: it \(run.reason); \(clear) removes it")
            }
            if inventory.temporaryFiles > 0 {
                print("\(inventory.temporaryFiles) temporary file(s), \(Self.megabytes(inventory.temporaryBytes)) MB, "
                      + "left by interrupted writes (never read; notebook cache clear, of any lesson or all, removes them)")
            }
            print("\(inventory.values.count) value(s), \(Self.megabytes(inventory.totalBytes)) MB in \(cacheDir)")
        }

        static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Empty the cache: cached values and stored runs (all lessons, or those named)."
        )

        @Argument(help: "Lessons whose entries to remove (default: all), or 'shared' for the values lessons share (the corpus's features).")
        var lessons: [String] = []

        @Option(help: ArgumentHelp("The cache folder.", valueName: "dir"))
        var cacheDir: String = ".cache"

        func run() throws {
            // The names are folder names under the cache: only known ones, so that a typo
            // (or `..`) can never reach outside it. Checked here, not in validate(), so an
            // unknown lesson ends with status 1 as in run and test, not 64.
            for name in lessons where LessonRegistry.lesson(named: name) == nil && name != "shared" {
                throw LessonSelection.unknownLesson(name, extra: ["shared"])
            }
            // No cache folder: taking the lock would create one (values/.locks/cache.lock)
            // just to say that nothing is cached in it.
            let what = lessons.isEmpty ? "in \(cacheDir)" : "for \(Self.uniqued(lessons).joined(separator: ", ")) in \(cacheDir)"
            guard FileManager.default.fileExists(atPath: cacheDir) else {
                print("nothing cached \(what)")
                return
            }
            try OutputPaths.checkFolder("--cache-dir", cacheDir)
            let root = URL(fileURLWithPath: cacheDir, isDirectory: true)
            var removed = 0, removedLeftovers = 0
            let busy = try CacheLock.withNothingBeingWritten(cacheRoot: root) {
                let (targets, leftovers) = Self.removals(lessons: lessons, root: root)
                for url in targets + leftovers where FileManager.default.fileExists(atPath: url.path) {
                    do {
                        try FileManager.default.removeItem(at: url)
                    } catch {
                        throw CommandFailure("could not remove \(url.path): \(IOFailure.reason(of: error))")
                    }
                    if leftovers.contains(url) { removedLeftovers += 1 } else { removed += 1 }
                }
            }
            if let busy {
                let doing = busy.isEmpty ? "storing a value or a run" : "computing \(busy.map { "'\($0)'" }.joined(separator: ", "))"
                throw CommandFailure("A notebook process is \(doing) in \(cacheDir) right now; nothing cleared. "
                                     + "Clear the cache when that run has ended.")
            }
            let cleared = lessons.isEmpty ? "the cache \(cacheDir)" : "\(Self.uniqued(lessons).joined(separator: ", ")) in \(cacheDir)"
            print((removed == 0 ? "nothing cached \(what)" : "cleared \(cleared)")
                  + (removedLeftovers == 0 ? "" : "; removed \(removedLeftovers) temporary file(s) that interrupted writes left"))
        }

        /// What clearing `lessons` (all when empty) removes: everything but the lock files
        /// (see CacheLock.withNothingBeingWritten), or the lessons' values and stored runs
        /// and, as leftovers, the temporary files among the values and runs kept. Listed
        /// holding the whole cache's lock: every value and stored run is written holding
        /// it shared, so each temporary file is then stale, left by a write that never
        /// ended. (A temporary run's name does not say whose run it is; being stale, it is
        /// no lesson's.)
        static func removals(lessons: [String], root: URL) -> (targets: [URL], leftovers: [URL]) {
            let values = root.appendingPathComponent("values"), runs = root.appendingPathComponent("runs")
            let folders = names(in: values).filter { $0 != CacheLock.folderName }
            guard !lessons.isEmpty else { return (folders.map(values.appendingPathComponent) + [runs], []) }
            let kept = folders.filter { !lessons.contains($0) }.map(values.appendingPathComponent) + [runs]
            return (lessons.flatMap { [values.appendingPathComponent($0), ReportStore.url(for: $0, cacheRoot: root)] },
                    kept.flatMap { folder in names(in: folder).filter(ValueCache.isTemporary).map(folder.appendingPathComponent) })
        }

        /// The names in `folder`, sorted; none when it cannot be listed (not there).
        static func names(in folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        }

        /// The names once each, in the order given.
        static func uniqued(_ names: [String]) -> [String] {
            names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
    }
}
