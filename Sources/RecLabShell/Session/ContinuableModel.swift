import Foundation
import RecLab

/// A model `fit` can train further: `mf` epoch by epoch, `lowrank`
/// iteration by iteration of its optimiser.
protocol ContinuableModel: Recommender {
    /// What `fit MODEL N` counts: `epoch` or `iteration`.
    static var fitUnit: String { get }
    /// Epochs trained so far over the model's life.
    var epochsTrained: Int { get }
    /// Whether Ctrl-C stopped the last run: the model is then as of the
    /// last epoch that finished.
    var stoppedEarly: Bool { get }
    /// The model after `epochs` more epochs, the table's rows printed
    /// through `feedback` as they end.
    ///
    /// - Throws: ``RecLabError/cancelled`` when Ctrl-C came before an epoch
    ///   finished (the model is then unchanged), or another ``RecLabError``.
    func continued(epochs: Int, feedback: TrainingFeedback) throws(RecLabError) -> Self
}

extension MatrixFactorization: ContinuableModel {
    static var fitUnit: String { "epoch" }

    /// ``fit(epochs:cancel:observer:)`` under a new one-cycle schedule, as fast.ai's `fit_one_cycle`.
    func continued(epochs: Int, feedback: TrainingFeedback) throws(RecLabError) -> MatrixFactorization {
        try fit(epochs: epochs, cancel: feedback.cancel,
                observer: feedback.epochObserver(firstEpoch: epochsTrained, epochs: epochs))
    }
}

extension TrainingFeedback {
    /// An observer of `epochs` epochs numbered from `firstEpoch`: fast.ai's
    /// row as each ends (the header with the first row, so a run stopped
    /// before any epoch ended prints nothing). The bar during each comes
    /// through the session's cancellation, as every bar does.
    func epochObserver(firstEpoch: Int, epochs: Int) -> MatrixFactorization.TrainingObserver {
        MatrixFactorization.TrainingObserver(epoch: { report in
            if report.epoch == firstEpoch { line(EpochTable.header) }
            line(EpochTable.row(report))
        })
    }
}

extension LowRank: ContinuableModel {
    static var fitUnit: String { "iteration" }
    /// Optimiser iterations so far (``ContinuableModel`` counts them as its steps).
    var epochsTrained: Int { iterationsTrained }
    /// Ctrl-C leaves a `lowrank` model as it was, so it never stops part way.
    var stoppedEarly: Bool { false }

    /// ``fit(iterations:cancel:)`` from the current vectors.
    func continued(epochs: Int, feedback: TrainingFeedback) throws(RecLabError) -> LowRank {
        try fit(iterations: epochs, cancel: feedback.cancel)
    }
}
