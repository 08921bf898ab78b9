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
                      + "left by interrupted writes (never read; notebook cache clear removes them)")
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
            let values = root.appendingPathComponent("values")
            let folders = ((try? FileManager.default.contentsOfDirectory(atPath: values.path)) ?? []).sorted()
                .filter { $0 != ValueCache.locksFolderName }
            // Everything but the lock files (see ValueCache.withNoValueBeingComputed)...
            let targets: [URL] = lessons.isEmpty
                ? folders.map { values.appendingPathComponent($0) } + [root.appendingPathComponent("runs")]
                : lessons.flatMap { [values.appendingPathComponent($0), ReportStore.url(for: $0, cacheRoot: root)] }
            // ... and what interrupted writes left in the folders kept. All are stale: clear
            // holds the whole cache, and every value is written holding it shared.
            let leftovers = lessons.isEmpty ? [] : folders.filter { !lessons.contains($0) }.flatMap { folder in
                let url = values.appendingPathComponent(folder)
                return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
                    .filter(ValueCache.isTemporary).map { url.appendingPathComponent($0) }
            }
            var removed = 0, removedLeftovers = 0
            let inUse = try ValueCache.withNoValueBeingComputed(root: root) {
                for url in targets + leftovers where FileManager.default.fileExists(atPath: url.path) {
                    do {
                        try FileManager.default.removeItem(at: url)
                    } catch {
                        throw CommandFailure("could not remove \(url.path): \(IOFailure.reason(of: error))")
                    }
                    if leftovers.contains(url) { removedLeftovers += 1 } else { removed += 1 }
                }
            }
            guard inUse.isEmpty else {
                throw CommandFailure("A notebook process is computing \(inUse.map { "'\($0)'" }.joined(separator: ", ")) in \(cacheDir) "
                                     + "right now; nothing cleared. Clear the cache when that run has ended.")
            }
            let cleared = lessons.isEmpty ? "the cache \(cacheDir)" : "\(Self.uniqued(lessons).joined(separator: ", ")) in \(cacheDir)"
            print((removed == 0 ? "nothing cached \(what)" : "cleared \(cleared)")
                  + (removedLeftovers == 0 ? "" : "; removed \(removedLeftovers) temporary file(s) that interrupted writes left"))
        }

        /// The names once each, in the order given.
        static func uniqued(_ names: [String]) -> [String] {
            names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
    }
}
