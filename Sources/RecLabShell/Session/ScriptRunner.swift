import Foundation

/// Replays a script: echoes each cell as `reclab> LINE`, runs it, and
/// stops at the first error with `FILE:LINE: error: MESSAGE`.
///
/// Comment lines are echoed as they are, so a replay reads like a notebook.
/// A line ending in `\` continues on the next (echoed after `   ...> `).
public struct ScriptRunner {
    /// The prompt echoed before each cell.
    public static let prompt = "reclab> "
    /// The prompt of a continued line.
    public static let continuation = "   ...> "

    /// Whether to go on after a failing cell.
    public var keepGoing = false
    /// Whether to echo cells (`false` for `-c` and piped input).
    public var echo = true

    /// Creates a runner.
    public init(keepGoing: Bool = false, echo: Bool = true) {
        self.keepGoing = keepGoing
        self.echo = echo
    }

    /// The cells of a script: each with its first line number and the
    /// physical lines it spans (continuations joined).
    public static func cells(_ text: String) -> [(line: Int, lines: [String])] {
        var result: [(Int, [String])] = []
        var pending: [String] = []
        var start = 0
        // Split on scalars: Swift reads "\r\n" as one Character, so a
        // script saved on Windows would not split on "\n" at all.
        let physical = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        for (k, raw) in physical.enumerated() {
            if pending.isEmpty { start = k + 1 }
            pending.append(raw)
            if raw.hasSuffix("\\") && !raw.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            result.append((start, pending))
            pending = []
        }
        if !pending.isEmpty { result.append((start, pending)) }
        // Drop the empty line a final newline leaves.
        if let last = result.last, last.1 == [""], last.0 == physical.count { result.removeLast() }
        return result
    }

    /// The commands of a `-c` argument: split at each `;` outside quotes,
    /// so each is a cell of its own (timed and reported on its own).
    public static func commands(_ text: String) -> String {
        guard let tokens = try? Lexer.tokens(text) else { return text }
        let chars = Array(text)
        var lines: [String] = []
        var start = 0
        for t in tokens where t.isSymbol(";") {
            lines.append(String(chars[start..<t.range.lowerBound]).trimmingCharacters(in: .whitespaces))
            start = t.range.upperBound
        }
        lines.append(String(chars[start...]).trimmingCharacters(in: .whitespaces))
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// A cell's lines joined into one command.
    public static func join(_ lines: [String]) -> String {
        lines.enumerated().map { k, l in
            k < lines.count - 1 ? String(l.dropLast()) : l
        }.joined(separator: " ")
    }

    /// Runs `text` (from `name`) in `session`; returns whether every cell
    /// succeeded. Stops early on `quit`.
    @discardableResult
    public func run(_ text: String, name: String, in session: Session, firstLine: Int = 1) -> Bool {
        run(text, in: session) { "\(name):\($0 + firstLine - 1)" }
    }

    /// Runs `script` in `session`, an error naming the line (or, in a
    /// notebook, the cell) it came from; returns whether every cell
    /// succeeded. Stops early on `quit`.
    @discardableResult
    public func run(_ script: ReplayScript, in session: Session) -> Bool {
        run(script.text, in: session, locate: script.location(ofLine:))
    }

    /// Runs `text` in `session`, `locate` naming a line for an error.
    private func run(_ text: String, in session: Session, locate: (Int) -> String) -> Bool {
        var ok = true
        for cell in ScriptRunner.cells(text) {
            let command = ScriptRunner.join(cell.lines)
            if ScriptRunner.isComment(command) {
                if echo { session.echo(cell.lines.joined(separator: "\n") + "\n") }
                // A script's comments are the notebook's text, and kept by `save session`.
                for line in cell.lines { session.note(line) }
                continue
            }
            if echo {
                let shown = cell.lines.enumerated().map { ($0 == 0 ? ScriptRunner.prompt : ScriptRunner.continuation) + $1 }
                session.echo(shown.joined(separator: "\n") + "\n")
            }
            if session.interrupt.isCancelled {
                session.reportInterruption(before: command, at: locate(cell.line))
                return false
            }
            let single = echo && cell.lines.count == 1
            if !session.perform(command, errorPrefix: "\(locate(cell.line)): ", caretIndent: single ? ScriptRunner.prompt.count : nil) {
                ok = false
                if !keepGoing { return false }
            }
            if session.wantsToQuit { break }
        }
        return ok
    }

    /// Whether `line` is a comment (or blank): nothing to run.
    public static func isComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// A comment line's text without its `#` and the space after it (empty
    /// for a blank line).
    static func commentText(_ line: String) -> String {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("#") { text = text.dropFirst() }
        if text.hasPrefix(" ") { text = text.dropFirst() }
        return String(text)
    }
}
