import Synchronization

/// A flag a long operation polls so that Ctrl-C can stop it, and the
/// channel through which it says how far it has got (as Foundation's
/// `Progress` is both).
///
/// The shell owns one token; its signal handler calls ``cancel()``, and
/// engine loops call ``check()`` every few thousand rows. Operations build
/// their result aside and only return it whole, so a cancelled command
/// leaves the workspace as it was. Long stages also call
/// ``report(_:fraction:)`` now and then; the shell draws those as a bar,
/// the engine itself never prints.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    private let observer: (@Sendable (_ stage: String, _ fraction: Double) -> Void)?

    /// Creates a token that is not cancelled; `progress`, when given,
    /// receives the reports of the operations the token is passed to (from
    /// any thread, possibly several at once).
    public init(progress: (@Sendable (_ stage: String, _ fraction: Double) -> Void)? = nil) {
        observer = progress
    }

    /// A token nobody cancels, for callers that have no Ctrl-C.
    public static let never = Cancellation()

    /// Asks the running operation to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Clears the request before the next command starts.
    public func reset() { flag.store(false, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Throws ``RecLabError/cancelled`` when a stop was asked for.
    @inlinable
    public func check() throws(RecLabError) {
        if isCancelled { throw RecLabError.cancelled }
    }

    /// Whether anybody listens to ``report(_:fraction:)`` (so an operation
    /// can skip the bookkeeping when nobody does).
    public var wantsProgress: Bool { observer != nil }

    /// Says that `stage` (a few words: `reading ratings.csv`) is `fraction`
    /// (0…1) done. Cheap enough to call a few hundred times per stage.
    public func report(_ stage: String, fraction: Double) {
        observer?(stage, fraction)
    }
}
