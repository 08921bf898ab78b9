import Foundation
import XCTest

/// Where the tests find material that lives outside the repository: the corpus and the
/// original tutorial's reference features. Each is taken from an environment variable,
/// else from the shared folder beside the checkout (`../shared`, as on the development
/// machines and in `.ci/run`). A test that needs a missing one is skipped with a message
/// saying how to provide it: reported as skipped, never as passed.
public enum ReferencePaths {
    /// The repository root, found from this source file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var sharedFolder: URL {
        if let dir = ProcessInfo.processInfo.environment["SONG_EMOTION_SHARED_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// `seed-features-librosa-0.8.1`: x.npy, y.npy and the speaker-independent split.
    public static func seedFeatures() throws -> URL {
        let url = ProcessInfo.processInfo.environment["SEED_FEATURES_DIR"].map { URL(fileURLWithPath: $0) }
            ?? sharedFolder.appendingPathComponent("reference/seed-features-librosa-0.8.1")
        try requireExists(url, hint: "set SEED_FEATURES_DIR to the folder holding the tutorial's x.npy")
        return url
    }

    /// The RAVDESS song recordings (1012 files under Actor_NN/).
    public static func corpus() throws -> URL {
        let url = ProcessInfo.processInfo.environment["RAVDESS_SONG_DIR"].map { URL(fileURLWithPath: $0) }
            ?? sharedFolder.appendingPathComponent("datasets/ravdess-song")
        try requireExists(url, hint: "set RAVDESS_SONG_DIR, or run `notebook data fetch`")
        return url
    }

    /// A fixture committed under `Tests/<Target>/Fixtures/`.
    public static func fixture(_ target: String, _ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }

    private static func requireExists(_ url: URL, hint: String) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) not found: \(hint)")
        }
    }
}
