import ArgumentParser
import Foundation
import NumPy
import SongEmotion

/// The actor of each row of a feature file, for the speaker-independent split or speaker
/// normalisation.
enum RowActors {
    /// The actor (1-24) of each feature row: from a list of actor numbers, from a list of
    /// recording paths (given, or `recordings.txt` beside the features file with one line
    /// per row, as a saved-features folder has), or, for the full 1012-row file, from the
    /// corpus in sorted path order.
    /// `purpose` (the option that needs them) is named in the errors.
    static func actors(rows: Int, actorsFile: String?, filesList: String?, features: String,
                       corpus: CorpusOptions, purpose: String = "--split si") throws -> [Int] {
        guard actorsFile == nil || filesList == nil else { throw ValidationError("give --actors or --files, not both") }
        let actors: [Int], source: String
        if let actorsFile {
            source = actorsFile
            actors = try lines(actorsFile, flag: "--actors").map { number, line in
                guard let a = Int(line.trimmingCharacters(in: .whitespaces)), (1...24).contains(a) else {
                    throw ValidationError("\(actorsFile):\(number): '\(line)' is not an actor number (1-24)")
                }
                return a
            }
        } else if let (list, names) = try filesList.map({ ($0, try lines($0, flag: "--files")) })
                    ?? recordingsList(beside: features, rows: rows) {
            source = list
            actors = try names.map { number, path in
                do {
                    return try RecordingName(parsing: (path as NSString).lastPathComponent).actor
                } catch {
                    throw ValidationError("\(list):\(number): \(error)")
                }
            }
        } else if rows == 1012 {
            do { actors = try corpus.recordings().map(\.actor) } catch {
                throw CommandFailure("\(error)\n\(purpose) needs each row's actor: without the "
                                     + "recordings, give --files with one recording name per row (data/features/recordings.txt "
                                     + "for the project's features) or --actors.")
            }
            source = "the corpus"
        } else {
            throw ValidationError("\(purpose) needs the actor of each of the \(rows) rows: give --actors or --files\n"
                                  + "(notebook features --files writes the recording of each row)")
        }
        guard actors.count == rows else {
            throw ValidationError("\(source): \(actors.count) actors listed for \(rows) feature rows")
        }
        return actors
    }

    /// `recordings.txt` in the features file's folder (as a saved-features folder has it).
    static func recordingsPath(beside features: String) -> String {
        URL(fileURLWithPath: features).deletingLastPathComponent().appendingPathComponent("recordings.txt").path
    }

    /// That file and its lines, when it names one recording per row.
    static func recordingsList(beside features: String, rows: Int) -> (path: String, names: [(number: Int, text: String)])? {
        let path = recordingsPath(beside: features)
        guard let names = try? lines(path, flag: "--files") else { return nil }
        guard names.count == rows else {
            // Not this file's list (another extraction's?): say so rather than pass it by.
            FileHandle.standardError.write(Data("note: \(path) lists \(names.count) recordings for \(rows) feature rows; not used\n".utf8))
            return nil
        }
        return (path, names)
    }

    /// The non-blank lines of a list, each with its line number in the file (blank lines
    /// count, so that an error points at the right line).
    static func lines(_ path: String, flag: String) throws -> [(number: Int, text: String)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("\(flag) \(path): cannot be read as UTF-8 text (\(IOFailure.reason(of: error)))")
        }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
