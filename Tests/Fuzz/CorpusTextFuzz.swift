import Foundation
import SongEmotion

/// One text file's bytes, read three ways: as a MANIFEST.tsv, as a recordings.txt (one
/// recording a line, each name parsed for its actor) and as one recording file name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? CorpusManifest(parsing: text, file: "MANIFEST.tsv")
    if let actors = try? text.split(whereSeparator: \.isNewline).map({ try RecordingName(parsing: String($0)).actor }) {
        _ = try? Split.speakerIndependent(actors: actors)
    }
    _ = try? RecordingName(parsing: text)
    return 0
}
