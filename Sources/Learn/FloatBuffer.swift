/// A growable block of Floats owned by a layer (its output, its gradients, its caches).
///
/// Hot paths write through `pointer`; the block only reallocates when a larger batch
/// arrives, so a training run allocates once per layer, not once per batch.
public final class FloatBuffer {
    public private(set) var pointer: UnsafeMutablePointer<Float>
    public private(set) var capacity: Int
    /// The number of values in use.
    public private(set) var count: Int = 0

    public init(count: Int = 0) {
        capacity = max(count, 1)
        pointer = .allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        self.count = count
    }

    deinit { pointer.deallocate() }

    /// Makes room for `n` values (contents are undefined after a growth).
    @discardableResult
    public func resize(_ n: Int) -> UnsafeMutablePointer<Float> {
        if n > capacity {
            pointer.deallocate()
            capacity = n
            pointer = .allocate(capacity: n)
            pointer.initialize(repeating: 0, count: n)
        }
        count = n
        return pointer
    }

    public func zero() { pointer.update(repeating: 0, count: count) }

    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    public func copy(from values: [Float]) {
        resize(values.count)
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
    }
}
