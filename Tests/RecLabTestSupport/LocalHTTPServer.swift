import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for the download tests: it answers
/// each GET from a table of canned responses (404 for anything else), one
/// request per connection, and can lie about the length or stop early.
///
/// It listens on a port the system picks, serves on its own threads, and
/// stops when ``stop()`` is called (or it is deinitialised).
public final class LocalHTTPServer: @unchecked Sendable {
    /// What the server sends for one path.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The body.
        public var body: [UInt8]
        /// The `Content-Length` announced (by default the body's length).
        public var announcedLength: Int?
        /// Only this many bytes of the body are sent before the connection
        /// closes (by default all).
        public var sentBytes: Int?
        /// Bytes sent per 10 ms, to see a progress bar (by default no limit).
        public var bytesPerTick: Int?

        /// A response of `status` with `body`.
        public init(status: Int = 200, body: [UInt8], announcedLength: Int? = nil, sentBytes: Int? = nil,
                    bytesPerTick: Int? = nil) {
            self.status = status
            self.body = body
            self.announcedLength = announcedLength
            self.sentBytes = sentBytes
            self.bytesPerTick = bytesPerTick
        }
    }

    /// The port it listens on.
    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: Response] = [:]
    private var requested: [String] = []
    private var stopped = false

    /// Starts listening on 127.0.0.1 at a free port.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 16) == 0
                    && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT/`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    /// Serves `response` at `/path`.
    public func serve(_ path: String, _ response: Response) {
        lock.lock()
        defer { lock.unlock() }
        routes[path] = response
    }

    /// The paths requested so far, in order.
    public var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Stops listening; requests after this fail to connect.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        // Shutting down refuses new connections and wakes `accept`; the
        // accept loop closes the socket itself. Closing it here would free
        // its number while the loop may still call `accept` on it, and a
        // socket opened next (another test's server) could get that number
        // and have its connections answered from these routes.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                let error = errno
                lock.lock()
                let done = stopped
                lock.unlock()
                if done || error != EINTR {
                    close(listener)
                    return
                }
                continue
            }
            Thread { [self] in answer(connection) }.start()
        }
    }

    private func answer(_ connection: Int32) {
        defer { close(connection) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65536, !request.ends(with: [13, 10, 13, 10]) {
            let n = recv(connection, &buffer, buffer.count, 0)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let target = line.count >= 2 ? String(line[1]) : "/"
        let path = String(target.drop { $0 == "/" }.prefix { $0 != "?" })
        lock.lock()
        requested.append(path)
        let response = routes[path] ?? Response(status: 404, body: Array("not found\n".utf8))
        lock.unlock()
        let reason = [200: "OK", 404: "Not Found", 500: "Internal Server Error"][response.status] ?? "Status"
        let head = "HTTP/1.1 \(response.status) \(reason)\r\nContent-Length: \(response.announcedLength ?? response.body.count)\r\n"
            + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        guard send(all: Array(head.utf8), to: connection) else { return }
        let body = response.body.prefix(response.sentBytes ?? response.body.count)
        let step = response.bytesPerTick ?? max(1, body.count)
        var offset = body.startIndex
        while offset < body.endIndex {
            let end = min(offset + step, body.endIndex)
            guard send(all: Array(body[offset..<end]), to: connection) else { return }
            offset = end
            if response.bytesPerTick != nil { usleep(10_000) }
        }
    }

    /// Sends all of `bytes`; `false` when the client went away.
    private func send(all bytes: [UInt8], to connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
