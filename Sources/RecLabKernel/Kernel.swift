import CZeroMQ
import Foundation
import RecLabShell

/// reclab as a Jupyter kernel: the five sockets of the messaging protocol,
/// and a ``Session`` that runs every cell, so tables, models and people
/// persist from cell to cell as they do at the prompt.
///
/// The shell socket is served on the calling thread, one request at a
/// time, as the protocol expects; the control socket (interrupt,
/// shutdown) and the heartbeat each have a thread of their own, so they
/// answer while a cell runs. Everything the kernel broadcasts goes through
/// ``publish(_:content:parent:)``, which holds a lock: a progress report
/// from an engine thread and a cell's output never interleave on iopub.
public final class Kernel: @unchecked Sendable {
    /// The session every cell runs in.
    public let session: Session
    /// This kernel's session id, in every header it sends.
    let sessionID = UUID().uuidString.lowercased()
    let signer: MessageSigner
    private let context: ZMQContext
    private let shell: ZMQSocket
    private let control: ZMQSocket
    let stdin: ZMQSocket
    private let iopub: ZMQSocket
    private let heartbeat: ZMQSocket
    private let iopubLock = NSLock()

    /// The request being answered: outputs are its children.
    var parent: JupyterMessage? {
        get { iopubLock.withLock { _parent } }
        set { iopubLock.withLock { _parent = newValue } }
    }
    private var _parent: JupyterMessage?
    /// How many cells were run with `store_history`.
    var executionCount = 0
    /// The code of those cells, for `history_request`.
    var inputs: [String] = []
    /// The error of the cell running, once it failed.
    var cellError: CellError?
    /// The display id of the running cell's progress line, once shown; read
    /// and written under ``progressLock`` (reports come from engine threads).
    var progressDisplay: String?
    let progressLock = NSLock()
    /// What a `shutdown_request` does once answered: end the process
    /// (Jupyter restarts a kernel by starting a new one). Tests that run a
    /// kernel in their own process replace it.
    public var onShutdown: @Sendable () -> Void = { exit(0) }

    /// Binds the five sockets of `connection` and readies `session`.
    ///
    /// - Throws: ``KernelError`` when ZeroMQ cannot start or a port is taken.
    public init(connection: ConnectionInfo, session: Session) throws {
        self.session = session
        signer = MessageSigner(key: connection.key)
        context = try ZMQContext()
        shell = try ZMQSocket(context, type: ZMQ_ROUTER)
        control = try ZMQSocket(context, type: ZMQ_ROUTER)
        stdin = try ZMQSocket(context, type: ZMQ_ROUTER)
        iopub = try ZMQSocket(context, type: ZMQ_PUB)
        heartbeat = try ZMQSocket(context, type: ZMQ_REP)
        try shell.bind(connection.endpoint(connection.shellPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try heartbeat.bind(connection.endpoint(connection.hbPort))
        session.display = { [unowned self] event in self.show(event) }
        session.progress = { [unowned self] progress in self.showProgress(progress) }
    }

    /// Serves requests until a `shutdown_request`.
    public func run() {
        startThread { [heartbeat] in
            // Whatever arrives goes straight back: the front end's check that we live.
            while let frames = try? heartbeat.receive() { try? heartbeat.send(frames) }
        }
        startThread { [unowned self] in
            while let frames = try? control.receive() { handle(frames, on: control) }
        }
        publish("status", content: ["execution_state": "starting"], parent: nil)
        while let frames = try? shell.receive() {
            handle(frames, on: shell)
        }
    }

    /// Reads, dispatches and answers one request, between `busy` and
    /// `idle` status messages. A message that fails its signature or is
    /// not a message is dropped, as the protocol asks.
    private func handle(_ frames: [Data], on socket: ZMQSocket) {
        guard let request = try? JupyterMessage(frames: frames, signer: signer) else {
            FileHandle.standardError.write(Data("reclab kernel: dropped a message that is not signed or not a message\n".utf8))
            return
        }
        publish("status", content: ["execution_state": "busy"], parent: request)
        defer { publish("status", content: ["execution_state": "idle"], parent: request) }
        let type = request.type
        let replyType = type.hasSuffix("_request") ? String(type.dropLast("_request".count)) + "_reply" : type
        let content: JupyterMessage.JSON
        switch type {
        case "kernel_info_request": content = kernelInfo
        case "execute_request": content = execute(request)
        case "complete_request": content = complete(request.content)
        case "inspect_request": content = inspect(request.content)
        case "is_complete_request": content = isComplete(request.content)
        case "history_request": content = history(request.content)
        case "comm_info_request": content = ["status": "ok", "comms": [String: Any]()]
        case "interrupt_request":
            interrupt()
            content = ["status": "ok"]
        case "shutdown_request":
            let restart = request.content["restart"] as? Bool ?? false
            reply(JupyterMessage(type: replyType, content: ["status": "ok", "restart": restart], parent: request, session: sessionID),
                  on: socket)
            publish("status", content: ["execution_state": "idle"], parent: request)
            onShutdown()
            return
        default:
            return  // comm messages and others reclab has no use for
        }
        reply(JupyterMessage(type: replyType, content: content, parent: request, session: sessionID), on: socket)
    }

    /// Stops the running cell as Ctrl-C does at the terminal.
    func interrupt() {
        session.cancellation.cancel()
        session.interrupt.cancel()
    }

    /// Sends `message` on `socket` (the one its request came on).
    private func reply(_ message: JupyterMessage, on socket: ZMQSocket) {
        try? socket.send(message.frames(signer: signer))
    }

    /// Broadcasts a message of `type` on iopub, as a child of `parent`.
    func publish(_ type: String, content: JupyterMessage.JSON, parent: JupyterMessage?) {
        var message = JupyterMessage(type: type, content: content, parent: parent, session: sessionID)
        // iopub is a broadcast: its "identity" is its topic.
        message.identities = [Data("kernel.\(sessionID).\(type)".utf8)]
        iopubLock.withLock { try? iopub.send(message.frames(signer: signer)) }
    }

    /// Runs `body` on a thread of its own, for the life of the process.
    private func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 1 << 20
        thread.start()
    }
}
