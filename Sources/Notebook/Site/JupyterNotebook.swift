import Foundation
import LessonFormat
import Plots

/// A lesson and its run as a Jupyter notebook (nbformat 4.5): a Markdown cell per piece of
/// prose (links to other lessons pointed at their notebooks, `NotebookLinks`), the corpus's licence and citation in a last one, a code cell per step (the notebook's language is Swift) with what the step
/// produced as outputs — printed text as a `stream`, shown values and tables as
/// `display_data` (tables also as HTML), plots as `image/svg+xml`, a failure as an `error`
/// naming the lesson file and line. Steps that did not run have no execution count.
///
/// Jupyter cannot run the cells (there is no Swift kernel); the notebook is for reading the
/// lesson where the original tutorial's readers work, with its outputs. Jupyter renders SVG
/// only in notebooks the reader trusts (`jupyter trust NAME.ipynb`); until then each plot
/// shows its text fallback, the plot drawn in characters as the terminal shows it.
public struct JupyterNotebook {
    public var lesson: Lesson
    public var report: LessonReport?
    /// How links to other lessons are written: to their notebooks.
    public var links: NotebookLinks

    /// `links`: made once from all the lessons, so that notebooks exported one at a time
    /// link to each other; by default only the lesson's own headings are known.
    public init(lesson: Lesson, report: LessonReport?, links: NotebookLinks? = nil) {
        self.lesson = lesson
        self.report = report
        self.links = links ?? NotebookLinks(lessons: [lesson])
    }

    /// The notebook's file name, `NAME.ipynb`.
    public var fileName: String { Self.fileName(lesson.name) }

    /// The notebook file of lesson `name`.
    public static func fileName(_ name: String) -> String { name + ".ipynb" }

    /// The notebook as JSON text (sorted keys, one-space indentation as Jupyter writes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document())
    }

    func document() -> JSONValue {
        let stepReports = Dictionary((report?.steps ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var cells: [JSONValue] = []
        var executionCount = 0
        var proseCount = 0
        for section in LessonSection.sections(of: lesson) {
            switch section {
            case .prose(let markdown, _):
                proseCount += 1
                cells.append(.object(["cell_type": .string("markdown"), "id": .string("prose-\(proseCount)"),
                                      "metadata": .object([:]), "source": JSONValue.lines(links.rewritten(Self.trimmed(markdown), in: lesson.name))]))
            case .step(let step):
                let stepReport = stepReports[step.id]
                var count = JSONValue.null
                if let stepReport, stepReport.status != .skipped {
                    executionCount += 1
                    count = .integer(executionCount)
                }
                cells.append(codeCell(step, report: stepReport, executionCount: count, index: cells.count))
            }
        }
        cells.append(.object(["cell_type": .string("markdown"), "id": .string("corpus-credit"),
                              "metadata": .object([:]), "source": JSONValue.lines(CorpusCredit.markdown)]))
        var lessonMetadata: [String: JSONValue] = ["name": .string(lesson.name), "path": .string(lesson.path)]
        if let report {
            lessonMetadata["started_at"] = .string(PageDate.iso(report.startedAt))
            lessonMetadata["duration_seconds"] = .number(report.duration)
            lessonMetadata["version"] = .string(report.version)
            lessonMetadata["results"] = .object(Dictionary(report.results.map { result -> (String, JSONValue) in
                switch result.value {
                case .number(let value): return (result.name, .number(value))
                case .text(let text): return (result.name, .string(text))
                }
            }, uniquingKeysWith: { _, last in last }))
        }
        let metadata: [String: JSONValue] = [
            "kernelspec": .object(["display_name": .string("Swift"), "language": .string("swift"), "name": .string("swift")]),
            "language_info": .object(["name": .string("swift"), "file_extension": .string(".swift"),
                                      "mimetype": .string("text/x-swift")]),
            "title": .string(lesson.title ?? lesson.name),
            "lesson": .object(lessonMetadata),
        ]
        return .object(["cells": .array(cells), "metadata": .object(metadata),
                        "nbformat": .integer(4), "nbformat_minor": .integer(5)])
    }

    private func codeCell(_ step: Step, report: StepReport?, executionCount: JSONValue, index: Int) -> JSONValue {
        var stepMetadata: [String: JSONValue] = ["id": .string(step.id), "line": .integer(step.fenceLine),
                                                 "status": .string(report?.status.rawValue ?? "not run")]
        if let report, report.status != .skipped { stepMetadata["duration_seconds"] = .number(report.duration) }
        if let reason = report?.skipReason { stepMetadata["skip_reason"] = .string(reason) }
        var metadata: [String: JSONValue] = ["step": .object(stepMetadata)]
        if step.hidden { metadata["jupyter"] = .object(["source_hidden": .bool(true)]) }
        // Cell ids: 1-64 characters of [A-Za-z0-9_-]; step IDs are made of those already.
        let id = step.id.count <= 59 ? "step-" + step.id : "step-\(index)"
        var source = step.code
        if source.hasSuffix("\n") { source.removeLast() }
        return .object(["cell_type": .string("code"), "id": .string(id), "execution_count": executionCount,
                        "metadata": .object(metadata), "source": JSONValue.lines(source),
                        "outputs": .array(outputs(report))])
    }

    private func outputs(_ report: StepReport?) -> [JSONValue] {
        guard let report else { return [] }
        var outputs: [JSONValue] = []
        for item in report.outputs {
            switch item.shortenedForPages {
            case .text(let text):
                // Consecutive printed text is one stream, as Jupyter itself would merge it.
                if case .object(var last)? = outputs.last, last["output_type"] == .string("stream"),
                   case .array(let lines)? = last["text"], case .array(let more) = JSONValue.lines(text) {
                    last["text"] = .array(lines + more)
                    outputs[outputs.count - 1] = .object(last)
                } else {
                    outputs.append(.object(["output_type": .string("stream"), "name": .string("stdout"),
                                            "text": JSONValue.lines(text)]))
                }
            case .value(let text, _):
                outputs.append(display(["text/plain": JSONValue.lines(text)]))
            case .table(let table):
                outputs.append(display(["text/plain": JSONValue.lines(table.rendered()),
                                        "text/html": JSONValue.lines(StepHTML.tableHTML(table))]))
            case .plot(let plot):
                // The terminal's drawing of the plot is the text fallback: a viewer that
                // shows no SVG (an untrusted notebook, a text diff) still shows the plot.
                outputs.append(display(["image/svg+xml": JSONValue.lines(plot.svg(width: StepHTML.plotWidth, height: StepHTML.plotHeight)),
                                        "text/plain": JSONValue.lines(PlotRendering.ascii(plot, width: 80))]))
            }
        }
        if let error = report.error {
            var traceback = ["\(error.location): error: \(error.message)"]
            if let details = error.details, !details.isEmpty { traceback.append(details) }
            outputs.append(.object(["output_type": .string("error"), "ename": .string(error.crashed ? "Crash" : "Error"),
                                    "evalue": .string(error.message), "traceback": .array(traceback.map { .string($0) })]))
        }
        return outputs
    }

    private func display(_ data: [String: JSONValue]) -> JSONValue {
        .object(["output_type": .string("display_data"), "data": .object(data), "metadata": .object([:])])
    }

    /// Prose without the blank lines around it.
    private static func trimmed(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
