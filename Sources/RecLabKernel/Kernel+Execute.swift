import Foundation
import RecLabShell

extension Kernel {
    /// Runs an `execute_request`'s code: each line (with `\` continuations)
    /// a cell of the session, comments kept as notes, stopping at the
    /// first error or an interrupt. Outputs are broadcast while it runs
    /// (``show(_:)``); the reply says `ok` or carries the error.
    func execute(_ request: JupyterMessage) -> JupyterMessage.JSON {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        let storeHistory = request.content["store_history"] as? Bool ?? !silent
        let allowStdin = request.content["allow_stdin"] as? Bool ?? false
        if storeHistory {
            executionCount += 1
            inputs.append(code)
        }
        if !silent {
            publish("execute_input", content: ["code": code, "execution_count": executionCount], parent: request)
        }
        parent = silent ? nil : request
        cellError = nil
        progressLock.withLock { progressDisplay = nil }
        session.interrupt.reset()
        // The walk of `rate PERSON` and the title pick list ask through stdin when the front end answers.
        session.isInteractive = allowStdin
        session.ask = allowStdin ? { [unowned self] prompt in self.input(prompt, for: request) } : nil
        defer {
            parent = nil
            session.ask = nil
        }

        // The cell's lines run as a script's do: comments kept as notes,
        // stopping at the first error or at an interrupt (an error event).
        ScriptRunner(echo: false).run(code, name: "cell", in: session)
        let quits = session.wantsToQuit
        if let error = cellError {
            return ["status": "error", "execution_count": executionCount] .merging(errorContent(error)) { a, _ in a }
        }
        var reply: JupyterMessage.JSON = ["status": "ok", "execution_count": executionCount, "user_expressions": [String: Any]()]
        // `quit` asks the front end to shut the kernel down, as IPython's `exit` does.
        reply["payload"] = quits ? [["source": "ask_exit", "keepkernel": false]] : [Any]()
        return reply
    }

    /// Broadcasts one thing the running cell shows: text as a `stream`,
    /// a table as an `execute_result` (HTML and the terminal's text), a
    /// chart as `display_data` (SVG), an error as `error`.
    func show(_ event: SessionEvent) {
        let request = parent
        switch event {
        case .text(let text):
            guard request != nil, !text.isEmpty else { return }
            publish("stream", content: ["name": "stdout", "text": text], parent: request)
        case .table(let table, let text):
            guard request != nil else { return }
            publish("execute_result", content: [
                "execution_count": executionCount,
                "data": ["text/plain": trimmed(text), "text/html": table.htmlWithInlineStyles],
                "metadata": [String: Any](),
            ], parent: request)
        case .picture(let svg, _, let drawing):
            guard request != nil else { return }
            // The terminal's drawing stays the plain text: a console front end shows it.
            publish("display_data", content: [
                "data": ["image/svg+xml": svg, "text/plain": trimmed(drawing)],
                "metadata": [String: Any](),
            ], parent: request)
        case .error(let error):
            cellError = error
            guard request != nil else { return }
            publish("error", content: errorContent(error), parent: request)
        }
    }

    /// `ename`, `evalue` and the traceback a front end shows: the command,
    /// a caret under the word at fault, and the message.
    func errorContent(_ error: CellError) -> JupyterMessage.JSON {
        var traceback = [error.line]
        if !error.line.contains("\n"), let caret = error.caret(indent: 0) { traceback.append(caret) }
        traceback.append("error: \(error.message)")
        return ["ename": "error", "evalue": error.message, "traceback": traceback]
    }

    /// Asks the front end for a line through stdin (`input_request`);
    /// `nil` when it answers nothing or cannot be reached.
    func input(_ prompt: String, for request: JupyterMessage) -> String? {
        var message = JupyterMessage(type: "input_request", content: ["prompt": prompt, "password": false],
                                     parent: request, session: sessionID)
        message.identities = request.identities
        guard (try? stdin.send(message.frames(signer: signer))) != nil else { return nil }
        while !session.interrupt.isCancelled {
            guard stdin.poll(milliseconds: 100) else { continue }
            guard let frames = try? stdin.receive(), let answer = try? JupyterMessage(frames: frames, signer: signer),
                  answer.type == "input_reply" else { continue }
            return answer.content["value"] as? String
        }
        return nil
    }

    /// `text` without its final newline (a front end adds its own).
    private func trimmed(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
