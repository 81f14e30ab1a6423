import Foundation
import Testing
@testable import RecLab

/// `mf` cancellation, and accuracy on ml-latest-small (skipped when the data
/// is absent).
@Suite struct MatrixFactorizationTrainingTests {
    @Test func ctrlCKeepsTheLastFinishedEpoch() throws {
        let matrix = try MatrixFactorizationTests.lowRank()
        let p = MatrixFactorizationTests.quick
        // Stopped mid-way through epoch 1, and stopped as soon as epoch 0
        // ended: both must be the model as of the end of epoch 0.
        let midway = CancelledBy { $0.stage.hasPrefix("epoch 1 ") && $0.fraction >= 0.5 }
        let a = try MatrixFactorization.train(matrix, parameters: p, cancel: midway.cancellation)
        let atEnd = Cancellation()
        let b = try MatrixFactorization.train(matrix, parameters: p, cancel: atEnd, observer: .init(
            epoch: { _ in atEnd.cancel() }))
        #expect(a.stoppedEarly && b.stoppedEarly && a.epochsTrained == 1 && b.epochsTrained == 1)
        #expect(a.itemVectors == b.itemVectors && a.itemBiases == b.itemBiases)
        #expect(a.history == b.history.map { var r = $0; r.seconds = a.history[0].seconds; return r })
        let full = try MatrixFactorization.train(matrix, parameters: p)
        #expect(!full.stoppedEarly && full.itemVectors != a.itemVectors)

        // Stopped during the first epoch: nothing to keep.
        let early = CancelledBy { _ in true }
        #expect(throws: RecLabError.cancelled) {
            try MatrixFactorization.train(matrix, parameters: p, cancel: early.cancellation)
        }
        // A fit stopped in its first epoch leaves the model as it was.
        let again = Cancellation()
        again.cancel()
        #expect(throws: RecLabError.cancelled) { try full.fit(epochs: 1, cancel: again) }
        let resumed = try a.fit(epochs: 1)
        #expect(resumed.epochsTrained == 2 && !resumed.stoppedEarly)
    }

    /// Three epochs (debug builds are slow: five take about 20 s) on a
    /// random 80% of ml-latest-small, RMSE on all of the other 20%, the rows
    /// whose movie `mf` never saw predicted by a ``BiasModel`` (damping 5) as
    /// LensKit's `Fallback` does: 0.858 when written (fast.ai's collab_learner
    /// reaches 0.858–0.872 with five epochs). The figure with the defaults
    /// (five epochs, the ≤ 0.86 target) is the benchmark's `mf accuracy`,
    /// in Benchmarks/README.md.
    @Test func heldOutRMSEOnMovieLensSmall() throws {
        let path = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: path) else { return }
        let (train, test) = try TableLoader.load(path: path).split(fraction: 0.8, seed: 7)
        let matrix = try RatingMatrix.build(from: train)
        let model = try MatrixFactorization.train(matrix, parameters: .init(epochs: 3))
        let fallback = try BiasModel.train(matrix, parameters: .init(damping: 5))
        let users = try test.requireColumn("userId"), items = try test.requireColumn("movieId")
        let ratings = try test.requireColumn("rating")
        var squares = 0.0, known = 0
        for row in 0 ..< test.rowCount {
            let u = try #require(users.integer(at: row)), i = try #require(items.integer(at: row))
            let r = try #require(ratings.number(at: row))
            var p = fallback.globalMean + (fallback.itemBias(of: i) ?? 0) + (fallback.userBias(of: u) ?? 0)
            if let predicted = model.predict(user: u, item: i) {
                p = predicted
                known += 1
            }
            squares += (p - r) * (p - r)
        }
        let rmse = (squares / Double(test.rowCount)).squareRoot()
        #expect(known > 19_000 && test.rowCount == 20_167)
        #expect(rmse < 0.865, "test RMSE \(rmse)")
        #expect(model.low == 0 && model.high == 5.5)
    }
}

/// A cancellation that cancels itself on the first progress report
/// `when` accepts: Ctrl-C at a chosen point of a run.
final class CancelledBy: @unchecked Sendable {
    private(set) var cancellation = Cancellation()

    init(when: @escaping @Sendable (ProgressReport) -> Bool) {
        let box = Box()
        cancellation = Cancellation(progress: { report in if when(report) { box.token?.cancel() } })
        box.token = cancellation
    }

    private final class Box: @unchecked Sendable { var token: Cancellation? }
}
