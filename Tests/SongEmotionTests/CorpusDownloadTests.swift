import Foundation
import SongEmotion
import TestSupport
import XCTest

final class CorpusDownloadTests: XCTestCase {
    /// A resumed download whose server promises nearly Int64.max more bytes: adding them
    /// to the bytes on disk overflowed (a trap in DownloadSink, killing `notebook data
    /// fetch`). Now it is an error naming the URL, and the bytes on disk stay for a resume.
    /// (9223372036854774784 is the largest length FoundationNetworking itself takes: it
    /// passes the length through a Double and traps on 2^63.)
    func testAResumedLengthPastInt64IsAnError() throws {
        let work = try TemporaryFolder()
        let zip = work.url.appendingPathComponent("song.zip"), partial = zip.appendingPathExtension("part")
        try Data(count: 2000).write(to: partial)
        let server = try OneAnswerServer(answer: "HTTP/1.1 206 Partial Content\r\nContent-Length: 9223372036854774784\r\n"
                                         + "Content-Range: bytes 2000-9223372036854776783/*\r\n\r\nA")
        let url = URL(string: "http://127.0.0.1:\(server.port)/song.zip")!
        XCTAssertThrowsError(try CorpusDownload.fetch(url, to: zip)) {
            XCTAssertEqual("\($0)", "downloading \(url.absoluteString): the server promises 9223372036854774784 more bytes "
                           + "after the 2000 already downloaded, more than a file can hold")
        }
        XCTAssertEqual(try Data(contentsOf: partial).count, 2000)
        XCTAssertFalse(FileManager.default.fileExists(atPath: zip.path))
    }
}
