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
    private let observer: (@Sendable (_ report: ProgressReport) -> Void)?

    /// Creates a token that is not cancelled; `progress`, when given,
    /// receives the reports of the operations the token is passed to (from
    /// any thread, possibly several at once).
    public init(progress: (@Sendable (_ report: ProgressReport) -> Void)? = nil) {
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

    /// Says that `stage` (a few words: `reading ratings.csv`, `epoch 2 (3
    /// of 5)`) is `fraction` (0…1; NaN when not known) done, with `detail`
    /// that changes as it goes (`48.2 MB/227.9 MB 5.1 MB/s`). Cheap enough
    /// to call a few hundred times per stage. The one way every engine
    /// operation, training, evaluation and download, says how far it is.
    public func report(_ stage: String, fraction: Double, detail: String? = nil) {
        observer?(ProgressReport(stage: stage, fraction: fraction, detail: detail))
    }
}

/// How far an operation has got: what ``Cancellation/report(_:fraction:detail:)``
/// passes on.
public struct ProgressReport: Sendable, Equatable {
    /// The stage, a few words; its clock starts when it first appears.
    public var stage: String
    /// How much of the stage is done, 0…1, or NaN when not known.
    public var fraction: Double
    /// What changes within the stage (bytes so far, a sweep's number).
    public var detail: String?

    /// A report.
    public init(stage: String, fraction: Double, detail: String? = nil) {
        (self.stage, self.fraction, self.detail) = (stage, fraction, detail)
    }

    /// `stage detail`, as a bar labels it.
    public var label: String { detail.map { "\(stage) \($0)" } ?? stage }

    public static func == (a: ProgressReport, b: ProgressReport) -> Bool {
        a.stage == b.stage && a.detail == b.detail && (a.fraction == b.fraction || a.fraction.isNaN && b.fraction.isNaN)
    }
}
