import ArgumentParser
import Foundation
import Lessons
import Notebook

/// `notebook cache`: the store of cached values and last runs under `.cache/`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Manage the cache of lesson values and runs.",
        subcommands: [List.self, Clear.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the cached values (with their sizes and the stored runs that use them) and the stored runs."
        )

        @Option(help: ArgumentHelp("The cache folder.", valueName: "dir"))
        var cacheDir: String = ".cache"

        func run() throws {
            let root = URL(fileURLWithPath: cacheDir, isDirectory: true)
            let inventory = try CacheInventory(root: root)
            guard !inventory.values.isEmpty || !inventory.runs.isEmpty || inventory.temporaryFiles > 0 else {
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

        /// The names are folder names under the cache: only known ones, so that a typo
        /// (or `..`) can never reach outside it.
        func validate() throws {
            for name in lessons where LessonRegistry.lesson(named: name) == nil && name != "shared" {
                throw LessonSelection.unknownLesson(name, extra: ["shared"])
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: cacheDir, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("--cache-dir \(cacheDir) is a file, not a cache folder")
            }
        }

        func run() throws {
            let root = URL(fileURLWithPath: cacheDir, isDirectory: true)
            let values = root.appendingPathComponent("values")
            // Everything but the lock files (see ValueCache.withNoValueBeingComputed).
            let targets: [URL] = lessons.isEmpty
                ? ((try? FileManager.default.contentsOfDirectory(atPath: values.path)) ?? []).sorted()
                    .filter { $0 != ValueCache.locksFolderName }.map { values.appendingPathComponent($0) }
                    + [root.appendingPathComponent("runs")]
                : lessons.flatMap { [values.appendingPathComponent($0), ReportStore.url(for: $0, cacheRoot: root)] }
            var removed = 0
            let inUse = try ValueCache.withNoValueBeingComputed(root: root) {
                for url in targets where FileManager.default.fileExists(atPath: url.path) {
                    try FileManager.default.removeItem(at: url)
                    removed += 1
                }
            }
            guard inUse.isEmpty else {
                throw CommandFailure("A notebook process is computing \(inUse.map { "'\($0)'" }.joined(separator: ", ")) in \(cacheDir) "
                                     + "right now; nothing cleared. Clear the cache when that run has ended.")
            }
            var named: [String] = []
            for lesson in lessons where !named.contains(lesson) { named.append(lesson) }
            let what = lessons.isEmpty ? "the cache \(cacheDir)" : "\(named.joined(separator: ", ")) in \(cacheDir)"
            print(removed == 0 ? "nothing cached for \(what)" : "cleared \(what)")
        }
    }
}
