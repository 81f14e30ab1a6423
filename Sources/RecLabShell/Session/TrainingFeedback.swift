import Foundation
import RecLab

/// What a training run tells the person while it runs, besides the bar
/// (which, like every operation's, goes through ``Cancellation`` and the
/// session's one ``ProgressRelay``): lines of output as they are ready
/// (fast.ai's table, one row per epoch), and whether Ctrl-C asked it to
/// stop. The lock keeps a line whole should two threads ever write.
struct TrainingFeedback: Sendable {
    /// Polled by the engine; Ctrl-C sets it.
    let cancel: Cancellation
    private let sink: Sink

    /// Feedback to `session`: its output and its Ctrl-C.
    init(session: Session) {
        cancel = session.cancellation
        sink = Sink(output: session.output)
    }

    /// Feedback that shows nothing and is never cancelled (tests, benchmarks).
    static let silent = TrainingFeedback(cancel: .never)

    /// Feedback that shows nothing, cancelled by `cancel`.
    init(cancel: Cancellation) {
        self.cancel = cancel
        sink = Sink(output: { _ in })
    }

    /// Prints one line now, while the command runs.
    func line(_ text: String) {
        sink.locked { $0.output(text.hasSuffix("\n") ? text : text + "\n") }
    }

    /// The session's output behind a lock.
    private final class Sink: @unchecked Sendable {
        struct Channels {
            let output: (String) -> Void
        }

        private let channels: Channels
        private let lock = NSLock()

        init(output: @escaping (String) -> Void) {
            channels = Channels(output: output)
        }

        func locked(_ body: (Channels) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            body(channels)
        }
    }
}
