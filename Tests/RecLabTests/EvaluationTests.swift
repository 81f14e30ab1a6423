import Foundation
import Synchronization
import Testing
@testable import RecLab

/// The five ratings of ``BiasModelTests``: user 1 rated A (10) 4 and B (20)
/// 2, user 2 rated A 5, user 3 rated B 3 and C (30) 1. μ = 3; undamped
/// b_A = 1.5, b_B = −0.5, b_C = −2 and b_1 = −0.5, b_2 = 0.5, b_3 = 0.25.
/// With damping 5 (the fallback): b_A = 3/7, b_B = −1/7, b_C = −2/6 = −1/3,
/// and b_1 = ((4 − 3 − 3/7) + (2 − 3 + 1/7)) / 7 = −2/49.
@Suite struct EvaluationTests {
    static func matrix() throws -> RatingMatrix { try BiasModelTests.matrix() }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

    /// The same source and value, NaN equal to NaN.
    func same(_ a: RowPrediction, _ b: RowPrediction) -> Bool {
        a.source == b.source && (a.value.isNaN ? b.value.isNaN : a.value == b.value)
    }

    @Test func rmseAndMaeOfTheModelsOwnPredictions() throws {
        let model = try BiasModel.train(Self.matrix())
        // Predictions by hand: user 1 × C: 3 − 2 − 0.5 = 0.5; user 2 × B:
        // 3 − 0.5 + 0.5 = 3; user 3 × A: 3 + 1.5 + 0.25 = 4.75.
        let heldOut = HeldOutRatings([(1, 30, 2), (2, 20, 3), (3, 10, 4)])
        let report = try Evaluation.evaluate(model, on: heldOut)
        #expect(report.rows == 3 && report.scored == 3 && report.fallbackCount == 0 && report.coverage == 1)
        // Errors −1.5, 0, 0.75.
        #expect(close(report.model.rmse, ((2.25 + 0 + 0.5625) / 3).squareRoot()))
        #expect(close(report.model.mae, 0.75))
        #expect(report.all == report.model)
    }

    @Test func unknownUsersAndMoviesGoToTheDampedBiasFallback() throws {
        let model = try BiasModel.train(Self.matrix())
        let heldOut = HeldOutRatings([
            (1, 30, 2),   // scored: 0.5
            (4, 10, 3),   // unknown user: μ + b_A = 3 + 3/7
            (1, 99, 4),   // unknown movie: μ + b_1 = 3 − 2/49
            (5, 99, 1),   // both unknown: μ = 3
            (1, 10, 4),   // user 1 rated A in training: left out
        ])
        let predictions = try Evaluation.predict(model, on: heldOut)
        #expect(predictions.map(\.source) == [.model, .unknownUser, .unknownItem, .unknownUser, .inTraining])
        #expect(close(predictions[0].value, 0.5))
        #expect(close(predictions[1].value, 3 + 3.0 / 7))
        #expect(close(predictions[2].value, 3 - 2.0 / 49))
        #expect(close(predictions[3].value, 3))
        #expect(predictions[4].value.isNaN)

        let report = try Evaluation.evaluate(model, on: heldOut)
        #expect(report.rows == 5 && report.leftOut == 1 && report.heldOut == 4)
        #expect(report.scored == 1 && report.fallbackCount == 3 && report.coverage == 0.25)
        #expect(report.count(.unknownUser) == 2 && report.count(.unknownItem) == 1 && report.count(.declined) == 0)
        let errors: [Double] = [0.5 - 2, 3 + 3.0 / 7 - 3, 3 - 2.0 / 49 - 4, 3 - 1]
        #expect(close(report.all.rmse, (errors.map { $0 * $0 }.reduce(0, +) / 4).squareRoot()))
        #expect(close(report.all.mae, errors.map(abs).reduce(0, +) / 4))
        #expect(close(report.model.rmse, 1.5))
    }

    @Test func aModelThatDeclinesRowsIsAskedOncePerUser() throws {
        let model = try Declining(matrix: Self.matrix())
        let heldOut = HeldOutRatings([(1, 30, 2), (3, 10, 4), (2, 20, 3), (1, 30, 5), (2, 30, 1), (9, 10, 3)])
        let report = try Evaluation.evaluate(model, on: heldOut)
        // Declining scores movie 20 only (2.5); users 1 and 2 asked once each, user 3 once, user 9 never.
        #expect(model.counter.calls.withLock { $0 } == [1: 1, 2: 1, 3: 1])
        #expect(report.scored == 1 && report.count(.declined) == 4 && report.count(.unknownUser) == 1)
        #expect(close(report.model.rmse, 0.5))
        let predictions = try Evaluation.predict(model, on: heldOut)
        #expect(predictions.map(\.source) == [.declined, .declined, .model, .declined, .declined, .unknownUser])
    }

    @Test func popularIsNoRatingPredictor() throws {
        let model = try PopularModel.train(Self.matrix())
        #expect(!Evaluation.predictsRatings(model))
        #expect(throws: RecLabError.self) { try Evaluation.evaluate(model, on: HeldOutRatings([(1, 30, 2)])) }
    }

    @Test func aPairPredictorGivesWhatItsItemScoresGive() throws {
        let matrix = try RatingMatrix.build(from: ALSTests.lowRankTable(users: 30, items: 25, observed: 0.6))
        let held = try HeldOutRatings(table: ALSTests.lowRankTable(users: 32, items: 27, observed: 1))
        let als = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 5, burnIn: 2))
        let direct = try Evaluation.predict(als, on: held)
        let throughScores = try Evaluation.predict(ScoresOnly(model: als), on: held)
        #expect(direct.count == throughScores.count && zip(direct, throughScores).allSatisfy(same))
        #expect(Set(direct.map(\.source)) == [.model, .unknownUser, .unknownItem, .inTraining])

        let mf = try MatrixFactorization.train(matrix, parameters: .init(factors: 4, epochs: 1, validFraction: 0))
        let mfDirect = try Evaluation.predict(mf, on: held)
        let mfScores = try Evaluation.predict(ScoresOnly(model: mf), on: held)
        #expect(mfDirect.count == mfScores.count && zip(mfDirect, mfScores).allSatisfy(same))
    }

    @Test func heldOutRatingsFromATable() throws {
        let table = try Table(columns: [
            Column(name: "userId", integers: [1, 2]), Column(name: "movieId", integers: [10, 20]),
            Column(name: "rating", decimals: [4, 3.5]),
        ])
        let held = try HeldOutRatings(table: table)
        #expect(held.users == [1, 2] && held.items == [10, 20] && held.ratings == [4, 3.5])

        let noRating = try table.selecting(["userId", "movieId"])
        #expect(throws: RecLabError("no 'rating' or 'value' column (columns: userId, movieId)", subject: "rating")) {
            try HeldOutRatings(table: noRating)
        }
        let textIds = try Table(columns: [
            Column(name: "userId", texts: ["a"]), Column(name: "movieId", integers: [1]), Column(name: "rating", decimals: [1]),
        ])
        #expect(throws: RecLabError("'userId' holds text values, not whole-number ids", subject: "userId")) {
            try HeldOutRatings(table: textIds)
        }
        let gap = try Table(columns: [
            Column(name: "userId", integers: [1, 2]), Column(name: "movieId", integers: [1, 2]),
            Column(name: "rating", decimals: [1, 0], validity: Validity([true, false])),
        ])
        #expect(throws: RecLabError("row 2 has no rating", subject: "rating")) { try HeldOutRatings(table: gap) }
    }

    @Test func cancellationStopsEvaluation() throws {
        let model = try BiasModel.train(Self.matrix())
        let cancel = Cancellation()
        cancel.cancel()
        #expect(throws: RecLabError.cancelled) {
            try Evaluation.evaluate(ScoresOnly(model: model), on: HeldOutRatings([(1, 30, 2)]), cancel: cancel)
        }
    }
}

/// Scores only movie 20 (2.5) and declines the rest; counts its calls per user.
private struct Declining: Recommender {
    static let algorithm = "declining"
    let matrix: RatingMatrix
    let counter = CallCounter()
    var settings: [(key: String, value: String)] { [] }

    func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores { scores(rated: []) }

    func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        guard let u = matrix.userIndex(of: id) else { throw RecLabError("unknown user") }
        counter.calls.withLock { $0[id, default: 0] += 1 }
        return scores(rated: matrix.entries(ofUser: u).map { Int(matrix.userItems[$0]) })
    }

    private func scores(rated: [Int]) -> ItemScores {
        var isRated = [Bool](repeating: false, count: matrix.itemCount)
        for i in rated { isRated[i] = true }
        let values = matrix.itemIds.indices.map { i in !isRated[i] && matrix.itemIds[i] == 20 ? 2.5 : .nan }
        return ItemScores(matrix: matrix, values: values, rated: isRated, ratingCount: rated.count, knownCount: rated.count,
                          problem: nil)
    }
}

private final class CallCounter: Sendable {
    let calls = Mutex<[Int64: Int]>([:])
}

/// Hides a model's ``PairPredictor`` shortcut, so evaluation goes through
/// its item scores.
private struct ScoresOnly: Recommender {
    static let algorithm = "scores-only"
    let model: any Recommender
    var matrix: RatingMatrix { model.matrix }
    var settings: [(key: String, value: String)] { [] }
    func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores { model.itemScores(ratings: ratings) }
    func itemScores(user id: Int64) throws(RecLabError) -> ItemScores { try model.itemScores(user: id) }
}
