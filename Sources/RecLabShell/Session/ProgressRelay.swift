import Foundation

/// How far a long command has got, for the executable to draw as a bar.
///
/// Only the terminal shows it (``Session/progress`` is `nil` elsewhere), so
/// nothing of it reaches transcripts, saved sessions or script output.
public enum CommandProgress: Sendable, Equatable {
    /// `label` is `fraction` done after `seconds`; redraw the bar in place.
    /// A NaN `fraction` means not known (a download of unannounced size):
    /// the label and the time only.
    case running(label: String, fraction: Double, seconds: Double)
    /// The stage is over: erase the bar.
    case finished
}

/// Turns the engine's progress reports (``Cancellation/report(_:fraction:detail:)``,
/// from any thread) into the session's bar (``Session/progress``): the one
/// path from every long operation to the terminal.
///
/// A cell that ends within ``delay`` never shows a bar, so quick commands
/// don't flicker; after that each report redraws the bar (at most every
/// ``interval``), its clock counting from the start of its stage, and the
/// bar is erased when the cell ends.
final class ProgressRelay: @unchecked Sendable {
    /// How long a cell runs before a bar appears.
    static let delay: UInt64 = 300_000_000
    /// The least time between two redraws.
    static let interval: UInt64 = 50_000_000

    private let lock = NSLock()
    /// How long a cell runs before a bar appears, and the least time
    /// between redraws, in nanoseconds (tests set 0 to see every report).
    var delay = ProgressRelay.delay, interval = ProgressRelay.interval
    private var draw: ((CommandProgress) -> Void)?
    private var stage: String?
    private var stageStart: UInt64 = 0
    private var cellStart: UInt64 = 0
    private var lastDraw: UInt64 = 0
    private var shown = false

    /// Sets where bars are drawn (`nil`: nowhere).
    func setDraw(_ draw: ((CommandProgress) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        self.draw = draw
    }

    /// Takes a report: its stage is its fraction done.
    func report(_ report: ProgressReport) {
        lock.lock()
        defer { lock.unlock() }
        guard let draw else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if report.stage != stage {
            stage = report.stage
            stageStart = now
        }
        let fraction = report.fraction
        guard now - cellStart >= delay, !shown || now - lastDraw >= interval || fraction >= 1 else { return }
        draw(.running(label: report.label, fraction: fraction.isNaN ? fraction : min(max(fraction, 0), 1),
                      seconds: Double(now - stageStart) / 1e9))
        lastDraw = now
        shown = true
    }

    /// Starts the clock of a cell.
    func cellStarted() {
        lock.lock()
        defer { lock.unlock() }
        cellStart = DispatchTime.now().uptimeNanoseconds
        stage = nil
    }

    /// Erases the bar, if one is shown, before a line is printed: the bar
    /// never mixes with output. The next report draws it again.
    func erase() {
        lock.lock()
        defer { lock.unlock() }
        if shown { draw?(.finished) }
        shown = false
    }

    /// Erases the bar, if one is shown, and forgets the stage: the cell is over.
    func cellEnded() {
        lock.lock()
        defer { lock.unlock() }
        if shown { draw?(.finished) }
        shown = false
        stage = nil
    }
}
