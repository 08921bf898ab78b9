import Foundation
import NumPy
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads one file over HTTP(S) with URLSession, resuming a partial download.
///
/// The bytes go to `<destination>.part`; if that file exists its length is sent as a
/// `Range: bytes=N-` request, and a `206 Partial Content` answer is appended to it. A
/// server that ignores the range (`200 OK`) gets a fresh start. Only a complete
/// download is renamed to `destination`, so a half-fetched file is never mistaken for
/// the zip. URLSession (FoundationNetworking on Linux, itself built on libcurl) is used
/// rather than a `curl` process so progress reaches our own progress bar and errors
/// arrive as values.
public enum CorpusDownload {
    /// The RAVDESS song recordings as published on Zenodo (record 1188976), WAV, ~1 GB.
    public static let zenodoURL = URL(string: "https://zenodo.org/record/1188976/files/Audio_Song_Actors_01-24.zip")!
    public static let zipName = "Audio_Song_Actors_01-24.zip"

    /// - Parameter progress: (bytes on disk, total bytes if the server said).
    /// - Throws: `DownloadError` naming the URL.
    public static func fetch(_ url: URL, to destination: URL,
                             progress: (@Sendable (Int64, Int64?) -> Void)? = nil) throws {
        let partial = destination.appendingPathExtension("part")
        let created = missingFolders(above: destination)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let already = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
        var request = URLRequest(url: url)
        if already > 0 { request.setValue("bytes=\(already)-", forHTTPHeaderField: "Range") }

        let sink = DownloadSink(partial: partial, resumeFrom: already, url: url, progress: progress)
        // No URLCache: it would keep a second copy of a 1 GB body (and a stale one could
        // answer a range request).
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: sink, delegateQueue: nil)
        session.dataTask(with: request).resume()
        sink.finished.wait()
        session.finishTasksAndInvalidate()
        if let error = sink.error {
            removeIfNothingDownloaded(partial, folders: created)
            throw error
        }

        if FileManager.default.fileExists(atPath: destination.path) {
            try FileManager.default.removeItem(at: destination)
        }
        try FileManager.default.moveItem(at: partial, to: destination)
    }

    /// The folders above `file` that do not exist yet, deepest first: those `fetch` creates.
    private static func missingFolders(above file: URL) -> [URL] {
        var missing: [URL] = []
        var folder = file.deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.path) {
            missing.append(folder)
            folder.deleteLastPathComponent()
        }
        return missing
    }

    /// After a failed download: an empty `.part` file and the folders `fetch` created for
    /// it would only suggest there is something to resume, so they go; a `.part` file with
    /// bytes in it stays for the next run to resume.
    private static func removeIfNothingDownloaded(_ partial: URL, folders created: [URL]) {
        let size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value
        if size == 0 { try? FileManager.default.removeItem(at: partial) }
        // rmdir removes a folder only while it is empty.
        for folder in created {
            guard rmdir(folder.path) == 0 else { break }
        }
    }
}

/// Why a download failed.
public struct DownloadError: Error, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "downloading \(url): \(reason)" }
}

/// URLSession delegate streaming the body into the `.part` file.
private final class DownloadSink: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let partial: URL
    let url: URL
    let progress: (@Sendable (Int64, Int64?) -> Void)?
    let finished = DispatchSemaphore(value: 0)
    // Touched only on the session's serial delegate queue, then read after `finished`.
    var error: DownloadError?
    private var handle: FileHandle?
    private var written: Int64
    private var total: Int64?
    private let resumeFrom: Int64

    init(partial: URL, resumeFrom: Int64, url: URL, progress: (@Sendable (Int64, Int64?) -> Void)?) {
        self.partial = partial
        self.resumeFrom = resumeFrom
        self.written = resumeFrom
        self.url = url
        self.progress = progress
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            fail("not an HTTP response"); completionHandler(.cancel); return
        }
        let length = response.expectedContentLength
        do {
            switch http.statusCode {
            case 206 where resumeFrom > 0:
                handle = try FileHandle(forWritingTo: partial)
                try handle?.seekToEnd()
                // The length is the server's word: one near Int64.max would overflow the sum.
                let (whole, overflow) = resumeFrom.addingReportingOverflow(length)
                guard !overflow else {
                    fail("the server promises \(length) more bytes after the \(resumeFrom) already downloaded, "
                         + "more than a file can hold"); completionHandler(.cancel); return
                }
                total = length >= 0 ? whole : nil
            case 200:
                // The server sent the whole file: start the .part file over.
                guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                    fail("cannot create \(partial.path)"); completionHandler(.cancel); return
                }
                handle = try FileHandle(forWritingTo: partial)
                written = 0
                total = length >= 0 ? length : nil
            case 416 where resumeFrom > 0
                && (http.value(forHTTPHeaderField: "Content-Range") == "bytes */\(resumeFrom)"):
                // Nothing left to fetch: the .part file is already the whole file.
                total = resumeFrom
                completionHandler(.cancel); return
            default:
                fail("HTTP status \(http.statusCode)"); completionHandler(.cancel); return
            }
        } catch {
            fail("cannot write \(partial.path): \(IOFailure.reason(of: error))"); completionHandler(.cancel); return
        }
        progress?(written, total)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard error == nil, let handle else { return }
        do {
            try handle.write(contentsOf: data)
            written += Int64(data.count)
            progress?(written, total)
        } catch {
            fail("cannot write \(partial.path): \(IOFailure.reason(of: error))")
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        try? handle?.close()
        // Resuming needs bytes on disk: a download that failed before any arrived starts over.
        let resume = written > 0 ? " (run the command again to resume)" : ""
        if self.error == nil, let error {
            // A cancel after a 416 that proved the file complete is not a failure.
            if !(total == resumeFrom && handle == nil && resumeFrom > 0) {
                fail("\(error.localizedDescription)\(resume)")
            }
        } else if self.error == nil, let total, written != total {
            fail("the connection closed after \(written) of \(total) bytes\(resume)")
        }
        finished.signal()
    }

    private func fail(_ reason: String) {
        if error == nil { error = DownloadError(url: url.absoluteString, reason: reason) }
    }
}
