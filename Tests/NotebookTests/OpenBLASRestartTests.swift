import Foundation
import Learn
import NumPy
import XCTest

/// `notebook` restarts itself with better OpenBLAS kernels where OpenBLAS took the
/// processor for an older one, and never overrides a kernel set the user chose. x86-64
/// Linux only: the restart is (and "Haswell" names kernels of) that platform's.
#if arch(x86_64) && os(Linux)
final class OpenBLASRestartTests: TemporaryFolderTestCase {
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

    /// `bench train` names the kernels that ran: those the restart asked for (so the new
    /// process really loaded them), or the user's.
    func testBenchTrainNamesTheKernelsInUse() throws {
        let rows = 48
        try NPY.write(try NPYArray(float64: (0..<(rows * 386)).map { Double($0 % 97) / 97 }, shape: [rows, 386]),
                      to: folder.appendingPathComponent("x.npy"))
        try NPY.write(try NPYArray(int64: (0..<rows).map { Int64($0 % 6) }), to: folder.appendingPathComponent("y.npy"))
        let arguments = ["bench", "train", "--reference", folder.path, "--models", "sd_fc", "--epochs", "1"]
        let chosen = try TestEnvironment.notebook(arguments, environment: ["OPENBLAS_CORETYPE": "Haswell"])
        XCTAssertEqual(chosen.status, 0, chosen.output)
        XCTAssertTrue(chosen.output.contains("OpenBLAS kernels: Haswell (from OPENBLAS_CORETYPE)\n"), chosen.output)

        let own = try TestEnvironment.run(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["-u", "OPENBLAS_CORETYPE", try TestEnvironment.notebookBinary().path] + arguments)
        XCTAssertEqual(own.status, 0, own.output)
        let restarted = try TestEnvironment.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                ["-u", "OPENBLAS_CORETYPE", try TestEnvironment.notebookBinary().path,
                                                 "openblas-coretype"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        if restarted.isEmpty {
            XCTAssertTrue(own.output.contains("OpenBLAS kernels: "), own.output)
            XCTAssertFalse(own.output.contains("set by notebook"), own.output)
        } else {
            XCTAssertTrue(own.output.contains("OpenBLAS kernels: \(restarted) (set by notebook: OpenBLAS chose "), own.output)
        }
    }
}
#endif
