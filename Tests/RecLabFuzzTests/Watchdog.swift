import Foundation
import RecLab

/// Gives each statement a time limit. Past it the session's cancellation
/// is cancelled (as Ctrl-C would) and the case is reported slow; a
/// statement that ignores the cancellation for as long again is a hang,
/// and since it holds the thread running the test, the process is ended
/// after its input is printed.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Date?
    private var input = ""
    private var cancellation: Cancellation?
    private var fired = false
    private let limit: TimeInterval
    private var thread: Thread?
    private var stopped = false

    init(limit: TimeInterval) {
        self.limit = limit
        let thread = Thread { [weak self] in
            while let self, !self.isStopped {
                self.check()
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        thread.name = "reclab fuzz watchdog"
        self.thread = thread
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops the watching thread.
    func stop() { lock.withLock { stopped = true } }

    /// Times `body`, which runs `input` under `cancellation`; returns
    /// whether the limit was passed (and the statement cancelled).
    func time<T>(_ input: String, cancellation: Cancellation, _ body: () -> T) -> (result: T, slow: Bool) {
        lock.withLock {
            started = Date()
            self.input = input
            self.cancellation = cancellation
            fired = false
        }
        let result = body()
        let slow = lock.withLock { () -> Bool in
            started = nil
            return fired
        }
        return (result, slow)
    }

    private func check() {
        lock.lock()
        guard let started else { lock.unlock(); return }
        let elapsed = Date().timeIntervalSince(started)
        if elapsed > limit, !fired {
            fired = true
            cancellation?.cancel()
        }
        let hung = elapsed > 2 * limit
        let input = self.input
        lock.unlock()
        if hung {
            FileHandle.standardError.write(Data("\nreclab fuzz: HANG: this input ran \(Int(elapsed)) s and ignored the cancellation:\n\(input)\n".utf8))
            _exit(86)
        }
    }
}
