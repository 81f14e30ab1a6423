import Testing
@testable import RecLab

/// `evaluate` asks a bias model for single (user, movie) pairs: the same
/// numbers as scoring every movie for the user, and the same report.
@Suite struct BiasPairPredictionTests {
    @Test func pairsAreTheScoresOfEveryMovie() throws {
        let m = try BiasModel.train(BiasModelTests.matrix(), parameters: .init(userDamping: 2, itemDamping: 1))
        for user: Int64 in [1, 2, 3] {
            let all = try m.itemScores(user: user)
            for item: Int64 in [10, 20, 30] where all.score(ofItem: item) != nil {
                #expect(m.predict(user: user, item: item) == all.score(ofItem: item))
            }
        }
        // By hand: μ 3, b_C = −2/(1+1) = −1, b_2 = (5 − 3 − b_A)/(1+2) with b_A = 3/(2+1) = 1.
        #expect(m.predict(user: 2, item: 30) == (3 + -1) + 1.0 / 3)
        #expect(m.predict(user: 9, item: 10) == nil && m.predict(user: 1, item: 99) == nil)
    }

    @Test func theReportCountsTrainingPairsAndUnknownsAsBefore() throws {
        let m = try BiasModel.train(BiasModelTests.matrix())
        let test = HeldOutRatings([(1, 30, 2), (2, 20, 4), (3, 10, 5), (9, 10, 3), (1, 10, 4)])
        let report = try Evaluation.evaluate(m, on: test)
        // (1, 10) was trained on: left out; user 9 is unknown: the fallback's.
        #expect(report.scored == 3 && report.leftOut == 1 && report.count(.unknownUser) == 1)
        let predictions = [m.predict(user: 1, item: 30), m.predict(user: 2, item: 20), m.predict(user: 3, item: 10)].compactMap { $0 }
        let squares = zip(predictions, [2.0, 4, 5]).map { ($0 - $1) * ($0 - $1) }
        #expect(abs(report.model.rmse - (squares.reduce(0, +) / 3).squareRoot()) < 1e-12)
    }
}
