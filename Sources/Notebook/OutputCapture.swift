#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Captures everything the process writes to stdout and stderr (Swift `print`, C `printf`,
/// runtime messages) into a file, so a step's printed text can be collected in order with
/// the values it shows.
///
/// A file rather than a pipe: nothing has to drain it while a step runs (a pipe blocks the
/// writer when full), and if the process crashes its last words are still on disk for the
/// parent process to read. stdout is made line-buffered so a crash loses no whole line.
final class OutputCapture {
    let url: URL
    private let writeFD: Int32
    private let readFD: Int32
    private let savedStdout: Int32
    private let savedStderr: Int32
    /// Bytes of the file already handed out by `drain()`.
    private(set) var offset = 0
    private var stopped = false

    init(url: URL) throws {
        self.url = url
        fflush(nil)
        writeFD = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
        guard writeFD >= 0 else { throw CaptureError(path: url.path, code: errno) }
        readFD = open(url.path, O_RDONLY)
        guard readFD >= 0 else { close(writeFD); throw CaptureError(path: url.path, code: errno) }
        savedStdout = dup(STDOUT_FILENO)
        savedStderr = dup(STDERR_FILENO)
        dup2(writeFD, STDOUT_FILENO)
        dup2(writeFD, STDERR_FILENO)
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// The text written since the last call.
    func drain() -> String {
        fflush(nil)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        offset += bytes.count
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Restores stdout and stderr; returns what was written since the last `drain()`.
    @discardableResult
    func stop() -> String {
        guard !stopped else { return "" }
        stopped = true
        let rest = drain()
        dup2(savedStdout, STDOUT_FILENO)
        dup2(savedStderr, STDERR_FILENO)
        close(savedStdout)
        close(savedStderr)
        close(writeFD)
        close(readFD)
        return rest
    }

    deinit { stop() }
}

struct CaptureError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "cannot capture output to \(path): \(String(cString: strerror(code)))" }
}
