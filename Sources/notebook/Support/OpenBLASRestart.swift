import Foundation
import Learn

/// Starts `notebook` again with `OPENBLAS_CORETYPE` set when OpenBLAS took this
/// processor for an older one (see `OpenBLASKernels`): the variable counts only while
/// OpenBLAS loads, which happens before `main`. The new process finds the variable set
/// and goes on; so do the lessons' child processes, which inherit it.
enum OpenBLASRestart {
    /// Passed to the restarted process: the kernel set OpenBLAS had chosen, for `bench
    /// train` to report. The restarted process takes it out of its environment, so that
    /// no process it starts (a lesson, or anything a lesson runs under another
    /// `OPENBLAS_CORETYPE`) reports a choice it did not make.
    static let detectedVariable = "NOTEBOOK_OPENBLAS_DETECTED"

    /// What OpenBLAS chose before this process was restarted, if it was.
    nonisolated(unsafe) private static var detected: String?

    /// Replaces this process when a better kernel set is available; returns if not, or
    /// if the restart fails (the command then runs on OpenBLAS's own choice).
    static func restartIfNeeded() {
        #if os(Linux)
        if let value = getenv(detectedVariable) {
            detected = String(cString: value)
            unsetenv(detectedVariable)
        }
        guard let core = OpenBLASKernels.recommendedCoreType() else { return }
        setenv(OpenBLASKernels.coreTypeVariable, core, 1)
        setenv(detectedVariable, OpenBLASKernels.coreName, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Still here: the restart failed. Leave the environment as it was.
        unsetenv(OpenBLASKernels.coreTypeVariable)
        unsetenv(detectedVariable)
        #endif
    }

    /// One line (under 80 columns) on the kernels in use, e.g. "OpenBLAS kernels:
    /// SkylakeX (set by notebook: OpenBLAS chose Prescott)".
    static var summary: String {
        let environment = ProcessInfo.processInfo.environment
        var line = "OpenBLAS kernels: \(OpenBLASKernels.coreName)"
        if let detected {
            line += " (set by notebook: OpenBLAS chose \(detected))"
        } else if environment[OpenBLASKernels.coreTypeVariable] != nil {
            line += " (from \(OpenBLASKernels.coreTypeVariable))"
        }
        return line
    }
}
