import CZeroMQ
import Foundation
@testable import RecLabKernel
@testable import RecLabShell

/// A kernel running in this process on free local ports, and a front end
/// talking to it over real ZeroMQ sockets: shell and stdin as DEALERs,
/// iopub as a SUB, as jupyter_client connects.
final class KernelHarness: @unchecked Sendable {
    let kernel: Kernel
    let signer = MessageSigner(key: "test-key")
    private let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let iopub: ZMQSocket
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-kernel-\(UUID().uuidString)")

    init() throws {
        let ports = (0..<5).map { _ in KernelHarness.freePort() }
        let json = """
            {"transport":"tcp","ip":"127.0.0.1","shell_port":\(ports[0]),"iopub_port":\(ports[1]),"stdin_port":\(ports[2]),
             "control_port":\(ports[3]),"hb_port":\(ports[4]),"key":"test-key","signature_scheme":"hmac-sha256"}
            """
        let info = try JSONDecoder().decode(ConnectionInfo.self, from: Data(json.utf8))
        let session = Session(output: { _ in })
        var configuration = SessionConfiguration(workspace: workspace.path, environment: [:])
        configuration.data = KernelHarness.dataFolder.path
        _ = configuration.configure(session)
        kernel = try Kernel(connection: info, session: session)
        kernel.onShutdown = {}
        let kernel = self.kernel
        Thread { kernel.run() }.start()

        context = try ZMQContext()
        shell = try ZMQSocket(context, type: ZMQ_DEALER)
        control = try ZMQSocket(context, type: ZMQ_DEALER)
        stdin = try ZMQSocket(context, type: ZMQ_DEALER)
        iopub = try ZMQSocket(context, type: ZMQ_SUB)
        let identity = Data("front-\(UUID().uuidString)".utf8)
        shell.setOption(ZMQ_IDENTITY, identity)
        stdin.setOption(ZMQ_IDENTITY, identity)
        iopub.setOption(ZMQ_SUBSCRIBE, Data())
        try shell.connect(info.endpoint(info.shellPort))
        try control.connect(info.endpoint(info.controlPort))
        try stdin.connect(info.endpoint(info.stdinPort))
        try iopub.connect(info.endpoint(info.iopubPort))
        // A SUB socket misses what is published before it has joined: ask
        // until the kernel's status messages arrive.
        for _ in 0..<50 {
            _ = try request("kernel_info_request", [:])
            if iopub.poll(milliseconds: 100) { break }
        }
        drainIOPub()
    }

    deinit { try? FileManager.default.removeItem(at: workspace) }

    /// Where the real datasets are (`$RECLAB_TEST_DATA`, default `../shared/data`).
    static var dataFolder: URL {
        if let env = ProcessInfo.processInfo.environment["RECLAB_TEST_DATA"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// Sends a request on `socket` (shell by default) and returns its reply.
    func request(_ type: String, _ content: JupyterMessage.JSON, on socket: ZMQSocket? = nil,
                 whileWaiting: ((JupyterMessage) -> Void)? = nil) throws -> JupyterMessage {
        let socket = socket ?? shell
        let message = JupyterMessage(type: type, content: content, parent: nil, session: "front")
        try socket.send(message.frames(signer: signer))
        while !socket.poll(milliseconds: 50) {
            if let whileWaiting, stdin.poll(milliseconds: 0) {
                whileWaiting(try JupyterMessage(frames: stdin.receive(), signer: signer))
            }
        }
        return try JupyterMessage(frames: socket.receive(), signer: signer)
    }

    /// Runs `code`; returns the reply and the iopub messages the cell sent
    /// (up to its `idle` status).
    func execute(_ code: String, allowStdin: Bool = false, answer: ((String) -> String)? = nil) throws -> (reply: JupyterMessage, outputs: [JupyterMessage]) {
        let reply = try request("execute_request", ["code": code, "silent": false, "store_history": true,
                                                    "user_expressions": [String: Any](), "allow_stdin": allowStdin],
                                whileWaiting: { [self] asked in
            let value = answer?(asked.content["prompt"] as? String ?? "") ?? ""
            let message = JupyterMessage(type: "input_reply", content: ["value": value], parent: asked, session: "front")
            try? stdin.send(message.frames(signer: signer))
        })
        var outputs: [JupyterMessage] = []
        while true {
            guard iopub.poll(milliseconds: 5000), let message = try? JupyterMessage(frames: iopub.receive(), signer: signer) else { break }
            if message.type == "status", message.content["execution_state"] as? String == "idle",
               message.parentHeader["msg_id"] as? String == reply.parentHeader["msg_id"] as? String { break }
            if message.type != "status" { outputs.append(message) }
        }
        return (reply, outputs)
    }

    /// Throws away what iopub holds.
    func drainIOPub() {
        while iopub.poll(milliseconds: 200) { _ = try? iopub.receive() }
    }

    /// A TCP port nothing listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
