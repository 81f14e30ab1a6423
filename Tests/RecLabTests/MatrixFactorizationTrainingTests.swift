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
        let midway = Cancellation()
        let a = try MatrixFactorization.train(matrix, parameters: p, cancel: midway, observer: .init(
            batch: { epoch, fraction in if epoch == 1, fraction >= 0.5 { midway.cancel() } }))
        let atEnd = Cancellation()
        let b = try MatrixFactorization.train(matrix, parameters: p, cancel: atEnd, observer: .init(
            epoch: { _ in atEnd.cancel() }))
        #expect(a.stoppedEarly && b.stoppedEarly && a.epochsTrained == 1 && b.epochsTrained == 1)
        #expect(a.itemVectors == b.itemVectors && a.itemBiases == b.itemBiases)
        #expect(a.history == b.history.map { var r = $0; r.seconds = a.history[0].seconds; return r })
        let full = try MatrixFactorization.train(matrix, parameters: p)
        #expect(!full.stoppedEarly && full.itemVectors != a.itemVectors)

        // Stopped during the first epoch: nothing to keep.
        let early = Cancellation()
        #expect(throws: RecLabError.cancelled) {
            try MatrixFactorization.train(matrix, parameters: p, cancel: early, observer: .init(
                batch: { _, _ in early.cancel() }))
        }
        // A fit stopped in its first epoch leaves the model as it was.
        let again = Cancellation()
        again.cancel()
        #expect(throws: RecLabError.cancelled) { try full.fit(epochs: 1, cancel: again) }
        let resumed = try a.fit(epochs: 1)
        #expect(resumed.epochsTrained == 2 && !resumed.stoppedEarly)
    }

    /// Three epochs (debug builds are slow) on a random 80% of
    /// ml-latest-small, RMSE on the other 20%. fast.ai's collab_learner
    /// reaches 0.858–0.872 with five; the release figure with the defaults
    /// is in Benchmarks/README.md.
    @Test func heldOutRMSEOnMovieLensSmall() throws {
        let path = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: path) else { return }
        let (train, test) = try TableLoader.load(path: path).split(fraction: 0.8, seed: 7)
        let model = try MatrixFactorization.train(RatingMatrix.build(from: train), parameters: .init(epochs: 3))
        let users = try test.requireColumn("userId"), items = try test.requireColumn("movieId")
        let ratings = try test.requireColumn("rating")
        var squares = 0.0, n = 0
        for row in 0 ..< test.rowCount {
            guard let u = users.integer(at: row), let i = items.integer(at: row), let r = ratings.number(at: row),
                  let p = model.predict(user: u, item: i) else { continue }
            squares += (p - r) * (p - r)
            n += 1
        }
        let rmse = (squares / Double(n)).squareRoot()
        #expect(n > 19_000)
        #expect(rmse < 0.88, "test RMSE \(rmse)")
        #expect(model.low == 0 && model.high == 5.5)
    }
}
