import Synchronization

/// Adds up the work that parallel workers finish and reports the total's
/// share of `total` through a ``Cancellation``: how a stage split over the
/// cores says how far it has got as a whole.
final class ProgressCounter: Sendable {
    let stage: String
    let total: Int
    private let cancel: Cancellation
    private let done = Atomic<Int>(0)

    /// A counter of `total` units for `stage`, reporting to `cancel`;
    /// `nil` when nobody listens, so workers skip the bookkeeping.
    static func make(_ stage: String, total: Int, cancel: Cancellation) -> ProgressCounter? {
        guard cancel.wantsProgress, total > 0 else { return nil }
        let counter = ProgressCounter(stage: stage, total: total, cancel: cancel)
        cancel.report(stage, fraction: 0)
        return counter
    }

    private init(stage: String, total: Int, cancel: Cancellation) {
        self.stage = stage
        self.total = total
        self.cancel = cancel
    }

    /// Counts `units` more as done, and reports.
    func add(_ units: Int) {
        let now = done.add(units, ordering: .relaxed).newValue
        cancel.report(stage, fraction: min(1, Double(now) / Double(total)))
    }
}
