import Foundation
import RecLabShell

/// The bar a long command draws on the terminal (`train mf`: one per
/// epoch), redrawn in place on the cursor's line and erased when the
/// stage ends, or before anything else is written, so it never mixes with
/// output:
///
/// ```
/// epoch 2 (3 of 5) |██████████████░░░░░░░░░░░░|  54% 00:01<00:01
/// download ml-32m.zip 48.2 MB/227.9 MB 5.1 MB/s |███░░░░░░░|  21% 00:09<00:35
/// ```
///
/// The engine reports from its training threads while the shell's thread
/// waits, and output comes from the shell's thread; the lock keeps a draw
/// and a write from interleaving.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    /// What the bar line shows now (`nil`: no bar).
    private var shown: String?
    /// Whether the cursor sits at the start of the line a bar was erased
    /// from, nothing written since.
    private var onErasedLine = false

    /// Draws or erases the bar.
    func show(_ progress: CommandProgress) {
        lock.lock()
        defer { lock.unlock() }
        switch progress {
        case .running(let label, let fraction, let seconds):
            let text = ProgressBar.line(label: label, fraction: fraction, seconds: seconds, width: Terminal.width ?? 80)
            guard text != shown else { return }
            Terminal.write("\r" + text + "\u{1B}[K")
            shown = text
            onErasedLine = false
        case .finished:
            eraseLocked()
        }
    }

    /// Writes output, erasing the bar first.
    ///
    /// After Ctrl-C the session writes a lone newline to leave the line
    /// where the terminal echoed `^C`; when that line was the bar's, erasing
    /// the bar already cleared it, so the newline is dropped rather than
    /// leaving a blank line.
    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        eraseLocked()
        let skip = onErasedLine && text == "\n"
        onErasedLine = false
        if !skip { Terminal.write(text) }
    }

    /// Writes to standard error, erasing the bar first.
    func writeError(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        eraseLocked()
        onErasedLine = false
        Terminal.writeError(text)
    }

    private func eraseLocked() {
        guard shown != nil else { return }
        Terminal.write("\r\u{1B}[K")
        shown = nil
        onErasedLine = true
    }

    /// The bar's text, at most `width − 3` columns: the terminal echoes
    /// Ctrl-C as `^C` after it, and that must not wrap to a new line, or
    /// erasing the bar would erase only that line. The bar itself is
    /// dropped when the terminal is too narrow for it. A NaN `fraction`
    /// (how much is left is not known) shows the label and the time only.
    static func line(label: String, fraction: Double, seconds: Double, width: Int) -> String {
        if fraction.isNaN { return String((label + " " + NumberFormatting.clock(seconds)).prefix(max(0, width - 3))) }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let percent = String(Int(f * 100))
        var tail = String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "% " + NumberFormatting.clock(seconds)
        if f > 0.01 { tail += "<" + NumberFormatting.clock(seconds / f * (1 - f)) }
        let cells = width - 3 - label.count - tail.count - 4
        guard cells >= 10 else { return String((label + " " + tail).prefix(max(0, width - 3))) }
        let full = Int(f * Double(cells))
        return label + " |" + String(repeating: "█", count: full) + String(repeating: "░", count: cells - full) + "| " + tail
    }
}
