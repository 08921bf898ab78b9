/// Many draws of one `SeededGenerator` at once, with the same values as drawing them one
/// after another: Dropout needs 395 k draws per si_cnn batch, and as a serial chain they
/// were a tenth of the batch, on one core.
///
/// xoshiro256**'s state moves by a linear map over GF(2) (shifts, rotations and XORs),
/// so the state `chunk` draws ahead is a fixed 256 × 256 bit matrix times the state.
/// `ChunkJump` holds that matrix; from the starting states of consecutive chunks,
/// `GeneratorLanes` runs four chunks side by side in SIMD lanes, and threads take
/// different groups of chunks. Only the output function (a multiply and a rotation) is
/// not linear, and it is applied per lane as in `next()`.
enum ChunkJump {
    /// Draws per chunk.
    static let chunk = 4096

    /// Column i is the state `chunk` draws after the state with only bit i set (bit i of
    /// word i / 64); the jump of any state is the XOR of the columns of its set bits.
    /// They are kept as XORs of four columns at a time: entry 16·q + v is the XOR of the
    /// columns of nibble q's set bits when that nibble is v (64 nibbles, 32 KB), so a
    /// jump is 64 lookups instead of 256 masked XORs (si_cnn jumps 96 times per batch,
    /// on one thread).
    private static let nibbleColumns: [SIMD4<UInt64>] = {
        let columns: [SIMD4<UInt64>] = (0..<256).map { bit in
            var words: [UInt64] = [0, 0, 0, 0]
            words[bit / 64] = 1 << UInt64(bit % 64)
            var generator = SeededGenerator(state: (words[0], words[1], words[2], words[3]))
            for _ in 0..<chunk { _ = generator.next() }
            let s = generator.state
            return SIMD4(s.0, s.1, s.2, s.3)
        }
        var table = [SIMD4<UInt64>](repeating: .zero, count: 64 * 16)
        for nibble in 0..<64 {
            for value in 1..<16 {
                // value's lowest set bit, plus the entry for the rest of its bits.
                let low = value.trailingZeroBitCount
                table[16 * nibble + value] = table[16 * nibble + (value & (value - 1))] ^ columns[4 * nibble + low]
            }
        }
        return table
    }()

    /// The state `chunk` draws after `state`.
    static func advance(_ state: SeededGenerator.State) -> SeededGenerator.State {
        var result = SIMD4<UInt64>(repeating: 0)
        nibbleColumns.withUnsafeBufferPointer { table in
            func add(_ word: UInt64, firstNibble: Int) {
                for q in 0..<16 {
                    result ^= table[16 * (firstNibble + q) + Int((word >> UInt64(4 * q)) & 15)]
                }
            }
            add(state.0, firstNibble: 0)
            add(state.1, firstNibble: 16)
            add(state.2, firstNibble: 32)
            add(state.3, firstNibble: 48)
        }
        return (result[0], result[1], result[2], result[3])
    }
}

/// Four xoshiro256** generators in the lanes of SIMD vectors, each stepping exactly as
/// `SeededGenerator.next()` does.
struct GeneratorLanes {
    private var s0: SIMD4<UInt64>, s1: SIMD4<UInt64>, s2: SIMD4<UInt64>, s3: SIMD4<UInt64>
    /// The last rotation's shifts (45 and 19), read from memory: as constants, the
    /// compiler matched the rotation as one and turned it into four scalar rotations
    /// (x86 has no 64-bit vector rotate before AVX-512); per-lane shifts stay in vectors.
    private let left: SIMD4<UInt64>, right: SIMD4<UInt64>
    private nonisolated(unsafe) static var rotation: (left: UInt64, right: UInt64) = (45, 19)

    /// Lanes starting from four states (no arrays: Dropout makes one per group of chunks).
    init(_ a: SeededGenerator.State, _ b: SeededGenerator.State, _ c: SeededGenerator.State,
         _ d: SeededGenerator.State) {
        s0 = SIMD4(a.0, b.0, c.0, d.0)
        s1 = SIMD4(a.1, b.1, c.1, d.1)
        s2 = SIMD4(a.2, b.2, c.2, d.2)
        s3 = SIMD4(a.3, b.3, c.3, d.3)
        left = SIMD4(repeating: Self.rotation.left)
        right = SIMD4(repeating: Self.rotation.right)
    }

    /// The next draw of each lane.
    @inline(__always)
    mutating func next() -> SIMD4<UInt64> {
        // Multiplying by 5 and by 9 as shifts and adds: AVX2 has no 64-bit multiply.
        let five = (s1 &<< 2) &+ s1
        let rotated = (five &<< 7) | (five &>> 57)
        let result = (rotated &<< 3) &+ rotated
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 &<< left) | (s3 &>> right)
        return result
    }
}
