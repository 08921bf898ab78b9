import ArgumentParser
import Foundation
import Lessons
import Notebook

/// `notebook export --ipynb`: the lessons as Jupyter notebooks, with their outputs.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export lessons with their outputs as Jupyter notebooks (nbformat 4).",
        usage: UsageText.wrapped(["notebook export", "--ipynb", "[<lessons> ...]", "--out <dir>"] + LessonRunSourceOptions.usagePieces),
        discussion: """
            Prose becomes Markdown cells and steps code cells (language swift) holding the \
            outputs of the lesson's last run: printed text as streams, values and tables as \
            display data, plots as SVG images, failures as errors with the lesson line. Runs \
            are found, and run when missing or out of date, as by `notebook site`. Jupyter \
            shows SVG only in trusted notebooks: after exporting, `jupyter trust DIR/*.ipynb`.
            """
    )

    @Flag(help: "Write Jupyter notebooks (.ipynb); the only format so far, and required.")
    var ipynb = false

    @Argument(help: "Lessons to export (default: all).")
    var lessons: [String] = []

    @Option(help: ArgumentHelp("The folder to write NAME.ipynb files to.", valueName: "dir"))
    var out: String

    @OptionGroup var source: LessonRunSourceOptions

    func validate() throws {
        if !ipynb { throw ValidationError("choose a format: --ipynb") }
    }

    func run() throws {
        let entries = try LessonSelection.entries(named: lessons, all: lessons.isEmpty)
        try OutputPaths.checkFolder("--out", out, protected: [("the cache folder", source.cacheDir)])
        try OutputPaths.checkFiles("--out", out, names: entries.map { JupyterNotebook.fileName($0.name) })
        let runs = try source.runs(for: entries)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Every lesson's headings, read once for all the notebooks' links.
        let links = NotebookLinks(lessons: try LessonRegistry.all.map { try $0.document() })
        // All notebooks or none: each links to the others.
        let files = try runs.map { run in
            let notebook = JupyterNotebook(lesson: run.lesson, report: run.report, links: links)
            return FileSet.File(url: folder.appendingPathComponent(notebook.fileName), contents: try notebook.json())
        }
        try FileSet.write(files)
        for (file, run) in zip(files, runs) {
            print("wrote \(file.url.path)\(run.report == nil ? " (no run: cells have no outputs)" : "")")
        }
    }
}
