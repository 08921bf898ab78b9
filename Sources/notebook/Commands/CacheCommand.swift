import ArgumentParser
import Foundation
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

        @Argument(help: "Lessons whose entries to remove (default: all).")
        var lessons: [String] = []

        @Option(help: ArgumentHelp("The cache folder.", valueName: "dir"))
        var cacheDir: String = ".cache"

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
            print(removed == 0 ? "the cache was already empty" : "cleared \(cacheDir)")
        }
    }
}
