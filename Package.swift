// swift-tools-version:6.0
// Song emotion recognition on the RAVDESS song corpus, as literate Swift lessons.
// Module map: ../shared/docs/ARCHITECTURE.md (and README.md, "Layout").
import Foundation
import PackageDescription

/// Code generation for the compute libraries (Audio, Learn). When this machine is an
/// x86-64 Linux one with AVX2 and FMA (Haswell, 2013, and later) they are compiled for
/// Haswell: eight-lane SIMD in one register instead of two. Measured here: features
/// about 15 % and training 5-15 % faster, with bit-identical features and weights (Swift
/// never fuses a multiply and an add on its own, so FMA changes no rounding).
/// `SONG_EMOTION_PORTABLE=1` builds for baseline x86-64, to copy the binary elsewhere.
///
/// Another package that fetches these libraries from a URL gets the baseline build: it
/// is read from a checkouts folder (`.build/checkouts/NAME`, Xcode's
/// `SourcePackages/checkouts/NAME`), and by version SwiftPM would refuse unsafe flags
/// anyway (by branch or revision it allows them, but a binary built by someone else's
/// package should run on any x86-64). A dependency by path cannot be told from this
/// package built on its own, so it gets this machine's build unless
/// `SONG_EMOTION_PORTABLE=1` is set.
let computeSettings: [SwiftSetting] = {
    #if arch(x86_64) && os(Linux)
    let environment = ProcessInfo.processInfo.environment
    let isDependency = Context.packageDirectory.contains("/checkouts/")
    guard !isDependency, environment["SONG_EMOTION_PORTABLE"] == nil,
          let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let has = Set(flags.split(separator: " ").map(String.init))
    return has.isSuperset(of: ["avx2", "fma", "bmi2"]) ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
    #else
    return []
    #endif
}()

/// What a lesson's code may import: the libraries beneath the runner.
let lessonDependencies: [Target.Dependency] = ["Notebook", "Plots", "Audio", "Learn", "SongEmotion", "NumPy", "LessonSupport"]

let package = Package(
    name: "SongEmotionNotebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "notebook", targets: ["notebook"]),
        .library(name: "Audio", targets: ["Audio"]),
        .library(name: "Learn", targets: ["Learn"]),
        .library(name: "SongEmotion", targets: ["SongEmotion"]),
        .library(name: "NumPy", targets: ["NumPy"]),
        .library(name: "Notebook", targets: ["Notebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        // zlib, for reading ZIP entries within their listed bounds (macOS has it built in).
        .systemLibrary(name: "CLibz", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // NumPy .npy / .npz files: the interchange format with the Python tutorial.
        .target(name: "NumPy", dependencies: [
            "CLibz",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Decoding and librosa-compatible audio features.
        .target(name: "Audio", dependencies: ["CSndFile", "CFFTW"], swiftSettings: computeSettings),
        // A small deep-learning library with Keras semantics.
        .target(name: "Learn", dependencies: ["COpenBLAS", "CFFTW", "NumPy"], swiftSettings: computeSettings),
        // The RAVDESS song corpus: names, splits, locating/verifying/fetching, the recipe.
        .target(name: "SongEmotion", dependencies: [
            "Audio", "NumPy",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], plugins: ["EmbedManifest"]),
        // Compiles data/MANIFEST.tsv into SongEmotion, so a relocated binary still verifies
        // the corpus.
        .executableTarget(name: "ManifestEmbedder"),
        .plugin(name: "EmbedManifest", capability: .buildTool(), dependencies: ["ManifestEmbedder"],
                path: "Plugins/EmbedManifest"),
        // Plot descriptions rendered as ASCII (terminal) and SVG (HTML).
        .target(name: "Plots"),
        // The literate runner; knows nothing about audio or learning.
        .target(name: "Notebook", dependencies: [
            "CCmark", "NumPy", "Plots",
            .product(name: "RealModule", package: "swift-numerics"),
            "LessonFormat",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // A lesson's Markdown (cmark): prose, step blocks, expected blocks, and tangling.
        .target(name: "LessonFormat", dependencies: ["CCmark"]),
        // Tangles lessons/NAME.md into Swift; run by the TangleLessons build plugin.
        .executableTarget(name: "Tangle", dependencies: ["LessonFormat"]),
        .plugin(name: "TangleLessons", capability: .buildTool(), dependencies: ["Tangle"], path: "Plugins/Tangle"),
        // A hash of the libraries' sources, compiled into `notebook`: part of the cache key.
        .executableTarget(name: "Fingerprint"),
        .plugin(name: "LibraryFingerprint", capability: .buildTool(), dependencies: ["Fingerprint"],
                path: "Plugins/Fingerprint"),
        // One module per lesson: Sources/Lessons/<name>/ is tangled from lessons/<name>.md.
        .target(name: "DemoLesson", dependencies: ["Notebook"], path: "Sources/Lessons/demo",
                plugins: ["TangleLessons"]),
        // What lessons share beyond the libraries (a trained model nb.cached can keep).
        .target(name: "LessonSupport", dependencies: ["Notebook", "Learn", "NumPy"], path: "Sources/Lessons/Support"),
        // The four lessons, one per notebook of the original tutorial.
        .target(name: "SdFcLesson", dependencies: lessonDependencies, path: "Sources/Lessons/sd_fc",
                plugins: ["TangleLessons"]),
        .target(name: "SdLstmLesson", dependencies: lessonDependencies, path: "Sources/Lessons/sd_lstm",
                plugins: ["TangleLessons"]),
        .target(name: "SiLstmLesson", dependencies: lessonDependencies, path: "Sources/Lessons/si_lstm",
                plugins: ["TangleLessons"]),
        .target(name: "SiCnnLesson", dependencies: lessonDependencies, path: "Sources/Lessons/si_cnn",
                plugins: ["TangleLessons"]),
        // The registry of lesson modules the runner finds lessons in.
        .target(name: "Lessons", dependencies: ["Notebook", "DemoLesson", "SdFcLesson", "SdLstmLesson",
                                                "SiLstmLesson", "SiCnnLesson"],
                path: "Sources/Lessons/Registry"),
        .executableTarget(name: "notebook", dependencies: [
            "Audio", "Learn", "SongEmotion", "Notebook", "NumPy", "Lessons", "LessonSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], plugins: ["LibraryFingerprint"]),

        // Locates the corpus and reference data for tests; never shipped.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Fixtures are read from the checkout by path (TestSupport), not bundled as resources;
        // excluded, SwiftPM stops warning about them on every build.
        .testTarget(name: "NumPyTests", dependencies: ["NumPy", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AudioTests", dependencies: ["TestSupport", "Audio", "NumPy"], exclude: ["Fixtures"]),
        .testTarget(name: "LearnTests", dependencies: ["TestSupport", "Learn", "NumPy"], exclude: ["Fixtures"]),
        .testTarget(name: "SongEmotionTests", dependencies: ["TestSupport", "SongEmotion", "NumPy",
                                                            .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        // The libraries as another package uses them: public API only (no @testable), in
        // the Swift 6 language mode a new package gets by default, while this package
        // builds in Swift 5 mode, which lets some of what such a package may not use pass.
        .testTarget(name: "LibraryClientTests", dependencies: ["Audio", "Learn", "NumPy", "SongEmotion"],
                    swiftSettings: [.swiftLanguageMode(.v6)]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LessonFormat", "Learn", "NumPy", "SongEmotion", "TestSupport", "LessonSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
