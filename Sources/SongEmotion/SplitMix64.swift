/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, well-mixed generator whose whole
/// state is the seed, so a split is reproduced exactly from its seed on every platform
/// and Swift version (unlike `SystemRandomNumberGenerator`, which cannot be seeded, and
/// unlike the standard library's `shuffle`, whose algorithm is not specified).
///
/// Named after its algorithm: it was `SeededGenerator`, the name of Learn's generator
/// (xoshiro256**) too, and code importing both modules, as a lesson or a custom layer
/// does, could not name either without its module.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-and-reject),
    /// written out here so the sequence does not depend on the standard library's choice.
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")  // internal callers only
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Fisher-Yates shuffle of `0..<count`.
    public mutating func permutation(of count: Int) -> [Int] {
        var items = Array(0..<count)
        var i = count - 1
        while i > 0 {
            items.swapAt(i, uniform(below: i + 1))
            i -= 1
        }
        return items
    }
}
