import Foundation
import COpenBLAS

/// Which of OpenBLAS's kernel sets runs the products, and a better one when OpenBLAS
/// does not know the processor.
///
/// A dynamic-architecture OpenBLAS picks its kernels by the processor's model number
/// when it loads. A processor newer than the library falls back to the oldest set,
/// "Prescott" (SSE3, two lanes): Debian 12's OpenBLAS 0.3.21 takes a 2023 Xeon (family
/// 6, model 207) for one. Measured there, sgemm ran at 10-20 GFLOP/s instead of 150
/// with "SkylakeX", and training took up to twice as long. OpenBLAS reads
/// `OPENBLAS_CORETYPE` only while it loads, before any of this code runs, so the choice
/// has to reach a new process: `notebook` starts itself again with the variable set
/// (see `NotebookCommand.main`), and a program using Learn as a library can check
/// `recommendedCoreType` and do the same or tell its user.
public enum OpenBLASKernels {
    /// The environment variable OpenBLAS reads its kernel set from.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// The kernel set OpenBLAS uses in this process ("Haswell", "SkylakeX", "Prescott", ...).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Whether this OpenBLAS carries kernels for several processors and picks among them
    /// when it loads (`DYNAMIC_ARCH`, as Debian's and Homebrew's do): one built for a single
    /// processor ignores `OPENBLAS_CORETYPE`.
    public static var choosesKernelsAtLoad: Bool {
        guard let config = openblas_get_config() else { return false }
        return String(cString: config).contains("DYNAMIC_ARCH")
    }

    /// Kernel sets written for AVX2 and FMA or wider: a processor OpenBLAS gives one of
    /// these is left alone, whatever else it supports (an AMD Zen 4 with AVX-512 keeps
    /// "Zen": this project has not measured "SkylakeX" there).
    static let vectorCores: Set<String> = ["haswell", "excavator", "zen", "skylakex", "cooperlake", "sapphirerapids"]

    /// The kernel set to ask for when OpenBLAS chose `detected` on a processor with
    /// `cpuFlags` (as /proc/cpuinfo lists them): "SkylakeX" for AVX-512 (foundation, byte
    /// and word, vector length, doubleword and quadword, conflict detection: what
    /// OpenBLAS's SkylakeX kernels use), "Haswell" for AVX2 with FMA; nil when OpenBLAS's
    /// own choice is already one of those or the processor has neither.
    public static func betterCoreType(detected: String, cpuFlags: Set<String>) -> String? {
        guard !vectorCores.contains(detected.lowercased()) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// `betterCoreType` for this process and processor, or nil when `OPENBLAS_CORETYPE`
    /// is already set (the user's choice, or a parent's), when this OpenBLAS has one kernel
    /// set only, or off x86-64 Linux (elsewhere OpenBLAS's choice stands: Homebrew's
    /// OpenBLAS is current, and /proc is Linux's).
    public static func recommendedCoreType(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        #if arch(x86_64) && os(Linux)
        guard environment[coreTypeVariable] == nil, choosesKernelsAtLoad,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        return betterCoreType(detected: coreName, cpuFlags: Set(flags.split(separator: " ").map(String.init)))
        #else
        return nil
        #endif
    }
}
