import Foundation
import RecLabShell

/// The interactive loop: prompt, read (with continuation lines), run, report.
struct Shell {
    let session: Session
    /// Scripts run after the greeting, before the first prompt: the
    /// start-up file and `load` cells for the data files named.
    var startup: [(text: String, name: String)] = []

    func run() {
        session.isInteractive = true
        // libedit edits multibyte (UTF-8) text only under a UTF-8 locale.
        setlocale(LC_CTYPE, "")
        if String(cString: setlocale(LC_CTYPE, nil)) == "C" { setlocale(LC_CTYPE, "C.UTF-8") }
        Terminal.write("reclab \(Reclab.configuration.version.split(separator: " ").last ?? "") — type 'help' for the verbs, Ctrl-D to leave.\n")
        let editor = LineEditor(session: session, historyPath: SessionConfiguration().historyFile)
        session.ask = { question in editor.readLine(prompt: question) }
        for (text, name) in startup { _ = ScriptRunner(keepGoing: true, echo: false).run(text, name: name, in: session) }
        while true {
            session.interrupt.reset()
            Interrupts.pending.reset()
            guard let line = readCell(editor) else { break }
            session.terminalWidth = Terminal.width
            session.terminalHeight = Terminal.height
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            editor.remember(line)
            session.perform(line, caretIndent: ScriptRunner.prompt.count)
            if session.wantsToQuit { break }
        }
    }

    /// Reads one cell, following `\` continuations; `nil` at Ctrl-D.
    /// Ctrl-C at a prompt abandons the cell and gives a fresh prompt.
    private func readCell(_ editor: LineEditor) -> String? {
        var parts: [String] = []
        while true {
            let prompt = parts.isEmpty ? ScriptRunner.prompt : ScriptRunner.continuation
            guard let line = editor.readLine(prompt: prompt) else {
                if Interrupts.pending.isCancelled {
                    Interrupts.pending.reset()
                    Terminal.write("^C\n")
                    parts = []
                    continue
                }
                if parts.isEmpty { Terminal.write("\n") }
                return parts.isEmpty ? nil : parts.joined(separator: " ")
            }
            if line.hasSuffix("\\") {
                parts.append(String(line.dropLast()))
                continue
            }
            parts.append(line)
            return parts.joined(separator: " ")
        }
    }
}
