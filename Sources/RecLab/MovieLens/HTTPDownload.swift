import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET streamed to a consumer as its bytes arrive, waited for on
/// the caller's thread so that Ctrl-C (``Cancellation``) can stop it.
///
/// URLSession calls back on its own queue, one call at a time; the caller's
/// thread only waits and polls the cancellation token, and reads the
/// outcome once the task has completed, behind the lock.
final class HTTPDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a download did not complete.
    enum Failure: Error, Equatable {
        /// No answer: offline, no such host, refused, timed out, TLS failed.
        case unreachable(String)
        /// The server answered with a status other than 200.
        case status(Int)
        /// The connection closed before `expected` bytes arrived.
        case truncated(received: Int64, expected: Int64)
        /// More than the limit, or than the announced length, arrived.
        case tooLarge(limit: Int64)
        /// The consumer could not take the bytes (a full disk).
        case consumer(String)
        /// Ctrl-C.
        case cancelled
    }

    /// Takes each chunk as it arrives; throws to stop the download.
    typealias Consumer = (UnsafeRawBufferPointer) throws -> Void
    /// Told the bytes received so far and the announced total, if any.
    typealias Progress = (_ received: Int64, _ total: Int64?) -> Void

    private let consume: Consumer
    private let progress: Progress?
    private let limit: Int64
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var received: Int64 = 0
    private var expected: Int64?
    private var failure: Failure?
    private var lastReport = DispatchTime(uptimeNanoseconds: 0)

    private init(limit: Int64, progress: Progress?, consume: @escaping Consumer) {
        self.limit = limit
        self.progress = progress
        self.consume = consume
    }

    /// GETs `url`, giving its body to `consume` chunk by chunk; returns
    /// the number of bytes received.
    ///
    /// Fails unless the server answers 200 and sends exactly the length it
    /// announced (when it announces one), at most `limit` bytes. No
    /// cookies, cache or credentials are kept. `progress` is called at most
    /// ten times a second, on URLSession's queue.
    ///
    /// - Complexity: O(bytes received).
    static func get(_ url: URL, limit: Int64, cancel: Cancellation, progress: Progress? = nil,
                    consume: @escaping Consumer) throws(Failure) -> Int64 {
        let download = HTTPDownload(limit: limit, progress: progress, consume: consume)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30  // seconds without a byte
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: queue)
        let task = session.dataTask(with: url)
        task.resume()
        // Polling rather than waiting for ever: Ctrl-C sets a flag only.
        while download.done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if cancel.isCancelled {
                download.fail(.cancelled)
                task.cancel()
            }
        }
        session.finishTasksAndInvalidate()
        download.lock.lock()
        defer { download.lock.unlock() }
        if let failure = download.failure { throw failure }
        return download.received
    }

    /// Records the first failure only: the later ones are its consequences.
    private func fail(_ failure: Failure) {
        lock.lock()
        defer { lock.unlock() }
        if self.failure == nil { self.failure = failure }
    }

    private var hasFailed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        let length = response.expectedContentLength
        if status != 200 {
            fail(.status(status))
        } else if length > limit {
            fail(.tooLarge(limit: limit))
        }
        lock.lock()
        expected = length >= 0 ? length : nil
        lock.unlock()
        completionHandler(hasFailed ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard !hasFailed else { return }
        lock.lock()
        received += Int64(data.count)
        let (count, total) = (received, expected)
        lock.unlock()
        if count > min(limit, total ?? limit) {
            fail(.tooLarge(limit: min(limit, total ?? limit)))
            dataTask.cancel()
            return
        }
        do {
            try data.withUnsafeBytes { try consume($0) }
        } catch {
            fail(.consumer("\(error)"))
            dataTask.cancel()
            return
        }
        let now = DispatchTime.now()
        if now.uptimeNanoseconds - lastReport.uptimeNanoseconds >= 100_000_000 || count == total {
            lastReport = now
            progress?(count, total)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        let (count, total) = (received, expected)
        lock.unlock()
        // A connection closed early may or may not come with an error.
        if let total, count < total { fail(.truncated(received: count, expected: total)) }
        if let error { fail(.unreachable(HTTPDownload.reason(error, url: task.originalRequest?.url))) }
        done.signal()
    }

    /// A short reason for a URLSession error (`could not connect to
    /// files.grouplens.org`), not Foundation's `NSURLErrorDomain error -1004`.
    static func reason(_ error: any Error, url: URL?) -> String {
        let host = url?.host ?? "the server"
        guard let code = (error as? URLError)?.code else { return "\(error.localizedDescription)" }
        switch code {
        case .cannotFindHost, .dnsLookupFailed: return "cannot find \(host) (offline?)"
        case .cannotConnectToHost: return "could not connect to \(host)"
        case .notConnectedToInternet: return "not connected to the internet"
        case .timedOut: return "\(host) stopped answering (timed out)"
        case .networkConnectionLost: return "the connection to \(host) was lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return "the secure connection to \(host) failed (certificate?)"
        case .cancelled: return "the download was stopped"
        default: return "network error \(code.rawValue) from \(host)"
        }
    }
}

extension HTTPDownload.Failure {
    /// The failure as words for an error line (`the server answered HTTP 404`).
    var explanation: String {
        switch self {
        case .unreachable(let why): return why
        case .status(let code): return "the server answered HTTP \(code)"
        case .truncated(let received, let expected): return "the connection closed after \(received) of \(expected) bytes"
        case .tooLarge(let limit): return "the server sent more than \(limit) bytes"
        case .consumer(let why): return "cannot write it to the cache (\(why))"
        case .cancelled: return "stopped"
        }
    }
}

extension HTTPDownload {
    /// Writes all of `bytes` to `fd` (a consumer's usual work: the body into a file).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw RecLabError(String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
