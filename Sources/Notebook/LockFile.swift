import Foundation

/// An flock on a lock file, released when the object goes away (the kernel also drops it
/// if the process dies, so a crashed run never blocks the next).
final class LockFile {
    let path: String
    private let descriptor: Int32

    init(_ url: URL) throws {
        path = url.path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CacheError.lock(path, errno) }
    }

    deinit { close(descriptor) }

    /// Takes the lock (`LOCK_SH` or `LOCK_EX`), waiting for other holders when `wait`;
    /// false when it does not wait and another process holds it.
    func lock(_ operation: Int32, wait: Bool) throws -> Bool {
        while flock(descriptor, operation | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            if !wait && errno == EWOULDBLOCK { return false }
            throw CacheError.lock(path, errno)
        }
        return true
    }
}
