import Foundation
import Learn
import XCTest

/// `notebook` restarts itself with better OpenBLAS kernels where OpenBLAS took the
/// processor for an older one, and never overrides a kernel set the user chose.
final class OpenBLASRestartTests: XCTestCase {
    /// Without the variable: either OpenBLAS's choice stood (empty), or notebook asked
    /// for a vector kernel set that this processor has, and the restarted command ran.
    func testWithoutTheVariableNotebookRunsOnAVectorKernelSetOrOpenBLASsOwn() throws {
        let result = try TestEnvironment.run(URL(fileURLWithPath: "/usr/bin/env"),
                                             ["-u", "OPENBLAS_CORETYPE", try TestEnvironment.notebookBinary().path,
                                              "openblas-coretype"])
        XCTAssertEqual(result.status, 0, result.output)
        let chosen = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(["", "SkylakeX", "Haswell"].contains(chosen), result.output)
        if !chosen.isEmpty {
            let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            XCTAssertTrue(cpuinfo.contains(chosen == "SkylakeX" ? " avx512bw" : " avx2"), "asked for \(chosen)")
        }
    }

    func testAChosenKernelSetIsKept() throws {
        let result = try TestEnvironment.notebook(["openblas-coretype"], environment: ["OPENBLAS_CORETYPE": "Haswell"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output, "Haswell\n")
    }
}
