import ArgumentParser
import Foundation
import Lessons
import Notebook

/// `notebook cache`: the store of cached values and last runs under `.cache/`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Manage the cache of lesson values and runs.",
        subcommands: [Clear.self]
    )

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
            let targets: [URL] = lessons.isEmpty
                ? [root.appendingPathComponent("values"), root.appendingPathComponent("runs")]
                : lessons.flatMap { [root.appendingPathComponent("values/\($0)"), ReportStore.url(for: $0, cacheRoot: root)] }
            var removed = 0
            for url in targets where FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
                removed += 1
            }
            let what = lessons.isEmpty ? "the cache \(cacheDir)" : "\(lessons.joined(separator: ", ")) in \(cacheDir)"
            print(removed == 0 ? "nothing cached for \(what)" : "cleared \(what)")
        }
    }
}
