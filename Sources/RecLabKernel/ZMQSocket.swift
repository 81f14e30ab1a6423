import CZeroMQ
import Foundation

/// A ZeroMQ context: owns the I/O thread every socket of the kernel uses.
final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() throws {
        guard let handle = zmq_ctx_new() else { throw KernelError("cannot start ZeroMQ: \(ZMQSocket.lastError)") }
        self.handle = handle
    }
}

/// One ZeroMQ socket, sending and receiving multipart messages as lists of
/// frames.
///
/// ZeroMQ sockets are not thread-safe: each is used by one thread, or (the
/// iopub socket) behind a lock its owner holds.
final class ZMQSocket: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    /// A socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, `ZMQ_REP`, …).
    init(_ context: ZMQContext, type: Int32) throws {
        guard let handle = zmq_socket(context.handle, type) else {
            throw KernelError("cannot make a ZeroMQ socket: \(ZMQSocket.lastError)")
        }
        self.handle = handle
        // A message still queued at exit gets a second to leave, then is dropped.
        var linger: Int32 = 1000
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    deinit { zmq_close(handle) }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`).
    func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else {
            throw KernelError("cannot listen on \(endpoint): \(ZMQSocket.lastError)")
        }
    }

    /// Connects to `endpoint` (for tests playing the front end).
    func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else {
            throw KernelError("cannot connect to \(endpoint): \(ZMQSocket.lastError)")
        }
    }

    /// Sets a byte-string option (`ZMQ_SUBSCRIBE`, `ZMQ_IDENTITY`).
    func setOption(_ option: Int32, _ value: Data) {
        value.withUnsafeBytes { bytes in _ = zmq_setsockopt(handle, option, bytes.baseAddress, bytes.count) }
    }

    /// Sends `frames` as one multipart message, retrying when a signal
    /// interrupts the call.
    func send(_ frames: [Data]) throws {
        for (k, frame) in frames.enumerated() {
            let flags = k < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { bytes in zmq_send(handle, bytes.baseAddress, bytes.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() != EINTR { throw KernelError("cannot send: \(ZMQSocket.lastError)") }
            }
        }
    }

    /// Receives one multipart message; waits for it. A signal during the
    /// wait (Ctrl-C's SIGINT) is not an error: the wait goes on.
    func receive() throws -> [Data] {
        var frames: [Data] = []
        var more = true
        while more {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, handle, 0) < 0 {
                if zmq_errno() != EINTR { throw KernelError("cannot receive: \(ZMQSocket.lastError)") }
            }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message) {
                frames.append(Data(bytes: data, count: size))
            } else {
                frames.append(Data())
            }
            more = zmq_msg_more(&message) != 0
        }
        return frames
    }

    /// Whether a message is waiting, after at most `milliseconds`.
    func poll(milliseconds: Int) -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, milliseconds)
        return ready > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// ZeroMQ's message for the last error.
    static var lastError: String { String(cString: zmq_strerror(zmq_errno())) }
}
