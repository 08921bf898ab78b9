import Foundation

/// Putting the recordings in place: from the Zenodo zip (downloaded or already on disk)
/// into a corpus folder, then checking them against the manifest.
public enum CorpusInstallation {
    /// Extracts `Audio_Song_Actors_01-24.zip` (layout `Actor_NN/03-02-....wav`, possibly
    /// under one top folder) into `destination`, safely and atomically (see
    /// `SafeZipExtraction`).
    /// - Throws: `ZipExtractionError`.
    public static func install(zip: URL, into destination: URL,
                               progress: ((Int, Int) -> Void)? = nil) throws {
        try SafeZipExtraction.extract(zip, to: destination, selectRoot: { staging in
            try actorRoot(in: staging, zip: zip.path)
        }, progress: progress)
    }

    /// The folder holding the `Actor_NN` folders: the extraction folder itself, or its
    /// only top-level folder.
    static func actorRoot(in folder: URL, zip: String) throws -> URL {
        func visibleNames(_ url: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
                .filter { !$0.hasPrefix(".") && $0 != "__MACOSX" }
        }
        let top = visibleNames(folder)
        if top.contains(where: { $0.hasPrefix("Actor_") }) { return folder }
        if top.count == 1 {
            let inner = folder.appendingPathComponent(top[0])
            if visibleNames(inner).contains(where: { $0.hasPrefix("Actor_") }) { return inner }
        }
        throw ZipExtractionError.unexpectedLayout(
            zip, reason: "no Actor_NN folders at the top or under a single top folder (found: \(top.prefix(5).joined(separator: ", ")))")
    }
}
