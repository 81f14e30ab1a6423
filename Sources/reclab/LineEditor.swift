import CEditLine
import Foundation
import RecLabShell

/// The interactive line editor: libedit's readline interface with a
/// persistent history and tab completion from the session.
///
/// libedit calls completion through C function pointers with no context,
/// so the session being completed is kept in a static.
final class LineEditor {
    /// What completes a word: given the line and the cursor, candidates.
    nonisolated(unsafe) private static var completer: Completer?
    private let historyPath: String?

    /// Sets up libedit for `session`, reading the history at `historyPath`.
    init(session: Session, historyPath: String?) {
        self.historyPath = LineEditor.usable(historyPath)
        LineEditor.completer = Completer(session: session)
        stifle_history(5000)
        if let historyPath = self.historyPath { _ = read_history(historyPath) }
        // Strings handed to libedit live for the whole process.
        // Quote characters: completing inside "…" gives whole titles.
        reclab_editline_setup(strdup("reclab"), strdup("\""), strdup(" \t\n=<>|,()")) { text, start, end in
            LineEditor.complete(text: text, start: start, end: end)
        }
    }

    /// `path`, unless it is what a write must not replace (libedit opens it
    /// blindly: a FIFO there would block every prompt); then no history is
    /// kept, and a warning says why.
    private static func usable(_ path: String?) -> String? {
        guard let path else { return nil }
        do throws(RecLabError) {
            try AtomicFile.checkTarget(path)
            return path
        } catch {
            Terminal.writeError("reclab: warning: no history kept: \(error.description)\n")
            return nil
        }
    }

    /// Reads a line after `prompt`; `nil` at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a line to the history (and the history file).
    func remember(_ line: String) {
        add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }

    private static func complete(text: UnsafePointer<CChar>?, start: Int32, end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        reclab_editline_completion_over()
        guard let completer, let buffer = reclab_editline_buffer() else { return nil }
        let line = String(cString: buffer)
        let word = text.map { String(cString: $0) } ?? ""
        let prefixBytes = Array(line.utf8.prefix(Int(max(0, start))))
        let before = String(decoding: prefixBytes, as: UTF8.self)
        let candidates = completer.complete(word: word, before: before)
        guard !candidates.isEmpty else { return nil }
        // A setting (`nbrs=`) or a folder (`data/`) goes on being typed.
        let continues = candidates.count == 1 && (candidates[0].hasSuffix("=") || candidates[0].hasSuffix("/"))
        reclab_editline_append_character(continues ? 0 : 32)
        // readline's convention: [common prefix, match1, match2, ..., NULL].
        let matches = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: candidates.count + 2)
        matches[0] = strdup(Completer.commonPrefix(candidates))
        for (k, c) in candidates.enumerated() { matches[k + 1] = strdup(c) }
        matches[candidates.count + 1] = nil
        return matches
    }
}
