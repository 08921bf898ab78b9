#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Monotonic seconds, for progress lines and benchmarks.
enum Clock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
