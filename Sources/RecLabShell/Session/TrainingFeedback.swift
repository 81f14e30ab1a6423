import Foundation
import RecLab

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

/// What a training run tells the person while it runs: the bar, lines of
/// output as they are ready (fast.ai's table, one row per epoch), and
/// whether Ctrl-C asked it to stop.
///
/// The engine calls back on its training threads, one call at a time (the
/// bar from the first worker while the cell's thread waits for the
/// workers, the rows from the cell's thread between epochs); the lock
/// makes that ordering explicit rather than assumed.
struct TrainingFeedback: Sendable {
    /// Polled by the engine; Ctrl-C sets it.
    let cancel: Cancellation
    private let sink: Sink

    /// Feedback to `session`: its output, its progress channel and its Ctrl-C.
    init(session: Session) {
        cancel = session.cancellation
        sink = Sink(output: session.output, progress: session.progress)
    }

    /// Feedback that shows nothing and is never cancelled (tests, benchmarks).
    static let silent = TrainingFeedback(cancel: .never)

    /// Feedback that shows nothing, cancelled by `cancel`.
    init(cancel: Cancellation) {
        self.cancel = cancel
        sink = Sink(output: { _ in }, progress: nil)
    }

    /// Redraws the bar.
    func progress(_ label: String, fraction: Double, seconds: Double) {
        sink.locked { $0.progress?(.running(label: label, fraction: min(max(fraction, 0), 1), seconds: seconds)) }
    }

    /// Erases the bar.
    func finishProgress() {
        sink.locked { $0.progress?(.finished) }
    }

    /// Prints one line now, while the command runs.
    func line(_ text: String) {
        sink.locked { $0.output(text.hasSuffix("\n") ? text : text + "\n") }
    }

    /// The session's channels behind a lock.
    private final class Sink: @unchecked Sendable {
        struct Channels {
            let output: (String) -> Void
            let progress: ((CommandProgress) -> Void)?
        }

        private let channels: Channels
        private let lock = NSLock()

        init(output: @escaping (String) -> Void, progress: ((CommandProgress) -> Void)?) {
            channels = Channels(output: output, progress: progress)
        }

        func locked(_ body: (Channels) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            body(channels)
        }
    }
}
