import Foundation

/// One message of the Jupyter messaging protocol (version 5.3), and its
/// wire form: the routing identities, `<IDS|MSG>`, the HMAC signature, the
/// four JSON parts (header, parent header, metadata, content) and any
/// binary buffers, each a ZeroMQ frame.
public struct JupyterMessage {
    /// A JSON object, as `JSONSerialization` reads and writes it.
    public typealias JSON = [String: Any]

    /// The protocol version reclab speaks.
    public static let protocolVersion = "5.3"
    /// The frame between the identities and the signature.
    static let delimiter = Data("<IDS|MSG>".utf8)

    /// The ZeroMQ identities that route a reply back to its sender.
    public var identities: [Data]
    /// `msg_id`, `msg_type`, `session`, `username`, `date`, `version`.
    public var header: JSON
    /// The header of the message this one answers (empty for none).
    public var parentHeader: JSON
    /// Free-form metadata.
    public var metadata: JSON
    /// What the message says; its keys depend on its type.
    public var content: JSON
    /// Binary buffers after the content (reclab sends none).
    public var buffers: [Data] = []

    /// `msg_type`: `execute_request`, `status`, …
    public var type: String { header["msg_type"] as? String ?? "" }

    /// A new message of `type`, answering `parent` (its identities and
    /// header carried over) in the kernel's `session`.
    public init(type: String, content: JSON, parent: JupyterMessage?, session: String, metadata: JSON = [:]) {
        identities = parent?.identities ?? []
        header = [
            "msg_id": UUID().uuidString.lowercased(),
            "msg_type": type,
            "session": session,
            "username": "reclab",
            "date": JupyterMessage.timestamp(),
            "version": JupyterMessage.protocolVersion,
        ]
        parentHeader = parent?.header ?? [:]
        self.metadata = metadata
        self.content = content
    }

    /// Reads a message from its frames, checking its signature.
    ///
    /// - Throws: ``KernelError`` when the frames are not a message, a part
    ///   is not a JSON object, or the signature is wrong.
    public init(frames: [Data], signer: MessageSigner) throws {
        guard let split = frames.firstIndex(of: JupyterMessage.delimiter), frames.count >= split + 6 else {
            throw KernelError("a message without the <IDS|MSG> delimiter and its five parts")
        }
        let parts = Array(frames[(split + 2)..<(split + 6)])
        guard signer.isValid(frames[split + 1], for: parts) else {
            throw KernelError("a message with a wrong signature")
        }
        func object(_ data: Data) throws -> JSON {
            guard let value = try? JSONSerialization.jsonObject(with: data), let object = value as? JSON else {
                throw KernelError("a message part that is not a JSON object")
            }
            return object
        }
        identities = Array(frames[..<split])
        header = try object(parts[0])
        parentHeader = try object(parts[1])
        metadata = try object(parts[2])
        content = try object(parts[3])
        buffers = Array(frames[(split + 6)...])
    }

    /// The frames to send, signed by `signer`.
    public func frames(signer: MessageSigner) -> [Data] {
        let parts = [header, parentHeader, metadata, content].map(JupyterMessage.encoded)
        return identities + [JupyterMessage.delimiter, Data(signer.signature(parts).utf8)] + parts + buffers
    }

    /// `object` as JSON bytes; an object JSON cannot hold becomes `{}`
    /// rather than stopping the kernel.
    static func encoded(_ object: JSON) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Now, in ISO 8601 with microseconds and a `Z`, as Jupyter writes
    /// dates. Every message carries one (a stream line, a progress
    /// update), so it is made with `gmtime_r`, not a new DateFormatter
    /// each time; it is safe from any thread.
    static func timestamp(_ date: Date = Date()) -> String {
        let since = date.timeIntervalSince1970
        var seconds = time_t(since.rounded(.down))
        let micros = Int(((since - Double(seconds)) * 1_000_000).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }
}
