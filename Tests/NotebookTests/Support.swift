import Foundation
import XCTest

/// Paths and processes the runner tests use: the package root, the built `notebook` binary
/// (built by `swift build`/`swift test` next to the test bundle) and a temporary folder.
enum TestEnvironment {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of build products (where the test binary and `notebook` are).
    static var productsFolder: URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        var url = Bundle.main.bundleURL
        #else
        // On macOS the test process is Xcode's runner (xctest, swiftpm-testing-helper),
        // kept elsewhere; the .xctest bundle itself sits beside `notebook`.
        var url = Bundle(for: TemporaryFolderTestCase.self).bundleURL.deletingLastPathComponent()
        #endif
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("notebook").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The built `notebook` executable ($NOTEBOOK_BINARY overrides).
    static func notebookBinary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["NOTEBOOK_BINARY"] { return URL(fileURLWithPath: path) }
        let url = productsFolder.appendingPathComponent("notebook")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("the notebook executable is not built at \(url.path); run `swift build` first")
        }
        return url
    }

    /// Runs `notebook` as a user without root's power to read and write any file: as
    /// nobody (through setpriv) when the tests run as root, else as this user. Folders it
    /// must write in need to be writable by others.
    static func notebookUnprivileged(_ arguments: [String]) throws -> Result {
        guard getuid() == 0 else { return try notebook(arguments) }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        guard FileManager.default.isExecutableFile(atPath: setpriv.path) else {
            throw XCTSkip("running as root without setpriv: permissions cannot be tested")
        }
        return try run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", try notebookBinary().path] + arguments)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs a program to completion, returning its exit status and stdout+stderr.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Result {
        let (status, output) = try run(executable, arguments, in: directory, environment: environment, interruptAfter: nil)
        return Result(status: status ?? -1, output: output)
    }

    /// Runs `notebook` with `arguments` in the package root; `environment` adds to (or
    /// replaces entries of) the test's own.
    static func notebook(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(notebookBinary(), arguments, environment: environment)
    }

    /// Runs `notebook` with `arguments`, sends it `signal` (SIGINT: Ctrl-C) after
    /// `seconds`, and returns how it ended: its exit status, or nil when the signal killed it.
    static func notebookInterrupted(_ arguments: [String], after seconds: Double,
                                    signal: Int32 = SIGINT) throws -> (status: Int32?, output: String) {
        try run(notebookBinary(), arguments, in: packageRoot, environment: [:], interruptAfter: seconds, signal: signal)
    }

    /// The process ids of `notebook lesson-child` processes whose command line holds
    /// `marker` (a test's own cache folder), read from /proc (on macOS, from ps).
    static func lessonChildren(containing marker: String) -> [Int32] {
        #if os(macOS)
        guard let listing = try? run(URL(fileURLWithPath: "/bin/ps"), ["-axww", "-o", "pid=,command="]) else { return [] }
        return listing.output.split(separator: "\n").compactMap { line -> Int32? in
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let pid = Int32(fields[0]), fields[1].contains("lesson-child"),
                  fields[1].contains(marker) else { return nil }
            return pid
        }
        #else
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains("lesson-child") && arguments.contains(where: { $0.contains(marker) }) ? pid : nil
        }
        #endif
    }

    /// Runs `notebook` with `arguments` on an 80-column pseudo-terminal (script(1)), without
    /// colour; the output as the terminal received it, carriage returns and escapes included.
    static func notebookOnTerminal(_ arguments: [String]) throws -> Result {
        let command = "stty cols 80; exec " + ([try notebookBinary().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try run(URL(fileURLWithPath: "/usr/bin/script"), scriptArguments(command),
                       environment: ["NO_COLOR": "1", "COLUMNS": ""])
    }

    /// script(1)'s arguments for running `command` through sh on a pseudo-terminal,
    /// output not logged: util-linux and BSD (macOS) spell it differently.
    static func scriptArguments(_ command: String) -> [String] {
        #if os(macOS)
        ["-q", "/dev/null", "/bin/sh", "-c", command]
        #else
        ["-qec", command, "/dev/null"]
        #endif
    }

    /// Runs a program, interrupting it after `interruptAfter` seconds if given; its exit
    /// status (nil when a signal ended it) and stdout+stderr.
    private static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
                            interruptAfter seconds: Double?, signal: Int32 = SIGINT) throws -> (status: Int32?, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        if let seconds {
            Thread.sleep(forTimeInterval: seconds)
            kill(process.processIdentifier, signal)
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason == .exit ? process.terminationStatus : nil, output)
    }
}

/// A test case with a fresh temporary folder for each test (`folder`), removed afterwards:
/// the binary tests write their caches, reports and outputs there.
class TemporaryFolderTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TestEnvironment.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }
}
