import XCTest
@testable import Learn

/// `OpenBLASKernels.betterCoreType`: a better kernel set is asked for only when OpenBLAS
/// fell back to a pre-AVX2 one on a processor that has AVX2 or AVX-512.
final class OpenBLASKernelsTests: XCTestCase {
    let avx2: Set<String> = ["sse3", "avx", "avx2", "fma", "bmi2"]
    var avx512: Set<String> { avx2.union(["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]) }

    func testAFallbackOnAVX512GetsSkylakeXAndOnAVX2Haswell() {
        XCTAssertEqual(OpenBLASKernels.betterCoreType(detected: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(OpenBLASKernels.betterCoreType(detected: "Sandybridge", cpuFlags: avx2), "Haswell")
        XCTAssertEqual(OpenBLASKernels.betterCoreType(detected: "Prescott", cpuFlags: avx2.subtracting(["fma"])), nil,
                       "AVX2 without FMA: Haswell's kernels would not run")
        XCTAssertEqual(OpenBLASKernels.betterCoreType(detected: "Prescott", cpuFlags: ["sse3"]), nil)
        XCTAssertEqual(OpenBLASKernels.betterCoreType(detected: "Prescott", cpuFlags: avx2.union(["avx512f"])), "Haswell",
                       "AVX-512 foundation alone is not what SkylakeX's kernels use")
    }

    func testOpenBLASsOwnVectorChoiceStands() {
        for core in ["Haswell", "ZEN", "SkylakeX", "Cooperlake", "sapphirerapids"] {
            XCTAssertNil(OpenBLASKernels.betterCoreType(detected: core, cpuFlags: avx512), core)
        }
    }

    func testASetVariableIsTheUsersChoice() {
        XCTAssertNil(OpenBLASKernels.recommendedCoreType(environment: ["OPENBLAS_CORETYPE": "Prescott"]))
    }

    /// The process's own kernels: the set scripts/test asked for, if it did (a name
    /// OpenBLAS does not know, which a user may set, gets OpenBLAS's own choice instead).
    func testTheKernelSetInUseIsNamed() {
        let name = OpenBLASKernels.coreName
        XCTAssertFalse(name.isEmpty)
        if let asked = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], ["SkylakeX", "Haswell"].contains(asked),
           OpenBLASKernels.choosesKernelsAtLoad {
            XCTAssertEqual(name.lowercased(), asked.lowercased())
        }
    }
}
