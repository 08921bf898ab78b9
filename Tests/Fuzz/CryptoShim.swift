import Foundation

/// The fuzz build's stand-in for swift-crypto's `SHA256`, the one thing the Notebook module
/// uses from it (the value cache's keys): swift-crypto's C library is too large to build
/// with swiftc here, and no harness checks a key. FNV-1a, spread over 32 bytes.
public struct SHA256 {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func update(data: Data) {
        for byte in data { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    public func finalize() -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: state >> (8 * UInt64($0 % 8)) &+ UInt64($0)) }
    }
}
