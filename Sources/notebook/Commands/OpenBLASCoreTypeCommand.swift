import ArgumentParser
import Foundation
import Learn

/// `notebook openblas-coretype`: prints the `OPENBLAS_CORETYPE` this command runs with,
/// empty when OpenBLAS's own choice stands (see `OpenBLASRestart`). scripts/test exports
/// it for the test process, which cannot restart itself the way `notebook` does.
struct OpenBLASCoreTypeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openblas-coretype",
        abstract: "Print the OPENBLAS_CORETYPE notebook runs with, if any (internal).",
        shouldDisplay: false
    )

    func run() {
        print(ProcessInfo.processInfo.environment[OpenBLASKernels.coreTypeVariable] ?? "")
    }
}
