import Foundation

/// The connection file Jupyter writes before starting a kernel: where to
/// bind each of the five sockets, and the key that signs messages.
public struct ConnectionInfo: Decodable, Sendable {
    /// `tcp` (or `ipc`).
    public var transport: String
    /// The address to bind (`127.0.0.1`).
    public var ip: String
    /// Requests and replies: execute, complete, inspect, history, …
    public var shellPort: Int
    /// Broadcasts: status, outputs, errors.
    public var iopubPort: Int
    /// The kernel asking the front end for input.
    public var stdinPort: Int
    /// Interrupt and shutdown, answered even while a cell runs.
    public var controlPort: Int
    /// Heartbeat: echoes whatever it is sent.
    public var hbPort: Int
    /// The HMAC key; empty means messages are not signed.
    public var key: String
    /// `hmac-sha256` (the only scheme reclab signs with).
    public var signatureScheme: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port", signatureScheme = "signature_scheme"
    }

    /// Reads a connection file.
    ///
    /// - Throws: ``KernelError`` naming the file and what is wrong with it.
    public static func read(_ path: String) throws -> ConnectionInfo {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw KernelError("cannot read the connection file \(path): \(error.localizedDescription)")
        }
        let info: ConnectionInfo
        do { info = try JSONDecoder().decode(ConnectionInfo.self, from: data) } catch {
            throw KernelError("\(path) is not a Jupyter connection file (\(error))")
        }
        guard info.signatureScheme == "hmac-sha256" || info.key.isEmpty else {
            throw KernelError("\(path): signature scheme '\(info.signatureScheme)' is not supported; use hmac-sha256")
        }
        return info
    }

    /// The ZeroMQ endpoint of `port` (`tcp://127.0.0.1:5555`).
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}

/// A kernel that cannot start or go on: one line saying why.
public struct KernelError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
