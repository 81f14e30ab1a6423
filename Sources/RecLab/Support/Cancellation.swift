import Synchronization

/// A flag a long operation polls so that Ctrl-C can stop it.
///
/// The shell owns one token; its signal handler calls ``cancel()``, and
/// engine loops call ``check()`` every few thousand rows. Operations build
/// their result aside and only return it whole, so a cancelled command
/// leaves the workspace as it was.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a token that is not cancelled.
    public init() {}

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
}
