import Foundation

/// Turns the engine's progress reports (``Cancellation/report(_:fraction:)``,
/// from any thread) into the session's bar (``Session/progress``).
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

    /// Takes a report: `stage` is `fraction` done.
    func report(_ stage: String, fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        guard let draw else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if stage != self.stage {
            self.stage = stage
            stageStart = now
        }
        guard now - cellStart >= ProgressRelay.delay,
              !shown || now - lastDraw >= ProgressRelay.interval || fraction >= 1 else { return }
        draw(.running(label: stage, fraction: fraction, seconds: Double(now - stageStart) / 1e9))
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

    /// Erases the bar, if one is shown, and forgets the stage: the cell is over.
    func cellEnded() {
        lock.lock()
        defer { lock.unlock() }
        if shown { draw?(.finished) }
        shown = false
        stage = nil
    }
}
