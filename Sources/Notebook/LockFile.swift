import Foundation

/// An flock on a lock file, released when the object goes away (the kernel also drops it
/// if the process dies, so a crashed run never blocks the next).
final class LockFile {
    let path: String
    private let descriptor: Int32
    /// Opened for reading only: the file is another user's, or on a read-only disk.
    private let readOnly: Bool

    init(_ url: URL) throws {
        path = url.path
        // Readable and writable by all, less the umask, as the cache's other files are: a
        // group that shares a cache with umask 002 can open what another member made.
        var descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o666)
        let writeError = errno
        var readOnly = false
        // flock needs an open file, not a writable one: a lock file this user may not
        // write (made by another user of a shared cache) serves opened for reading. Where
        // it is not there to read, the error is that it could not be made.
        if descriptor < 0 && [EACCES, EPERM, EROFS].contains(writeError) {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            readOnly = descriptor >= 0
            if descriptor < 0 && errno != ENOENT { throw CacheError.lock(path, errno) }
        }
        guard descriptor >= 0 else { throw CacheError.lock(path, writeError) }
        self.descriptor = descriptor
        self.readOnly = readOnly
    }

    deinit { close(descriptor) }

    /// Takes the lock (`LOCK_SH` or `LOCK_EX`), waiting for other holders when `wait`;
    /// false when it does not wait and another process holds it.
    func lock(_ operation: Int32, wait: Bool) throws -> Bool {
        while flock(descriptor, operation | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            if !wait && errno == EWOULDBLOCK { return false }
            // NFS turns flock into a byte-range lock, which refuses an exclusive lock on a
            // file opened for reading with EBADF: what stands in the way is the permission.
            throw CacheError.lock(path, readOnly && errno == EBADF ? EACCES : errno)
        }
        return true
    }
}
