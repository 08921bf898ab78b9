import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP server on 127.0.0.1 that answers one request with fixed bytes and hangs up: a
/// server saying what no real one would, for the corpus download.
public final class OneAnswerServer {
    public let port: UInt16
    private let listener: Int32

    /// `answer` at once; then, after `pause` seconds, `more` (a slow server).
    public init(answer: String, pause: TimeInterval = 0, more: String = "") throws {
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        port = UInt16(bigEndian: address.sin_port)
        // A client already gone must not end the test process with SIGPIPE.
        #if canImport(Darwin)
        let noSignal: Int32 = 0  // SO_NOSIGPIPE below instead
        #else
        let noSignal = Int32(MSG_NOSIGNAL)
        #endif
        Thread {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            #if canImport(Darwin)
            // Darwin has no MSG_NOSIGNAL: the socket itself is told not to raise SIGPIPE.
            var one: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            var buffer = [UInt8](repeating: 0, count: 65536)
            _ = recv(client, &buffer, buffer.count, 0)
            for (delay, text) in [(0, answer), (pause, more)] where !text.isEmpty {
                Thread.sleep(forTimeInterval: delay)
                _ = Array(text.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, noSignal) }
            }
            close(client)
        }.start()
    }

    deinit { close(listener) }
}
