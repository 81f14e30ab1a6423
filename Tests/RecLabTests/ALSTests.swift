import Foundation
import Testing
@testable import RecLab

@Suite struct ALSTests {
    /// A rank-3 ratings table with biases: r_ui = 3 + b_u + b_i + p_u·q_i,
    /// every number drawn from a generator seeded by its own index (so a
    /// bigger table agrees with a smaller one where they overlap); a cell
    /// is kept when its own draw is below `observed`.
    static func lowRankTable(users: Int, items: Int, observed: Double) throws -> Table {
        func draw(_ a: Int, _ b: Int, _ c: Int) -> Double {
            var g = SeededGenerator(seed: UInt64(a * 1_000_003 + b * 1_009 + c))
            return g.normal()
        }
        var u: [Int64] = [], i: [Int64] = [], r: [Double] = []
        for user in 1 ... users {
            for item in 1 ... items {
                var keep = SeededGenerator(seed: UInt64(user * 7_919 + item * 104_729))
                guard keep.uniform() <= observed else { continue }
                var rating = 3 + 0.3 * draw(1, user, 0) + 0.3 * draw(2, item, 0)
                for f in 1 ... 3 { rating += 0.5 * draw(1, user, f) * draw(2, item, f) }
                u.append(Int64(user))
                i.append(Int64(item * 10))
                r.append(rating)
            }
        }
        return try Table(columns: [Column(name: "userId", integers: u), Column(name: "movieId", integers: i),
                                   Column(name: "rating", decimals: r)])
    }

    // MARK: Cholesky

    @Test func choleskySolvesSmallSystemsWorkedByHand() {
        // [[4, 2], [2, 3]] x = [2, 1]: det 8, x = [3·2 − 2·1, −2·2 + 4·1] / 8.
        #expect(Cholesky.solve([4, 2, 2, 3], [2, 1]) == [0.5, 0])
        // The classic example: L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]].
        #expect(Cholesky.factor([4, 12, -16, 12, 37, -43, -16, -43, 98], n: 3) == [2, 0, 0, 6, 1, 0, -8, 5, 3])
        #expect(Cholesky.solve([1, 2, 2, 1], [1, 1]) == nil)  // indefinite
        #expect(Cholesky.solve([1, 0, 0, 1], [1]) == nil)     // sizes disagree
    }

    @Test func choleskyOnALargerSystemLeavesASmallResidual() {
        var g = SeededGenerator(seed: 5)
        let n = 20
        let m = (0 ..< n * n).map { _ in g.normal() }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n { for k in 0 ..< n { a[i * n + j] += m[i * n + k] * m[j * n + k] } } }
        for i in 0 ..< n { a[i * n + i] += 1 }
        let b = (0 ..< n).map { _ in g.normal() }
        let x = Cholesky.solve(a, b) ?? []
        #expect(x.count == n)
        for i in 0 ..< n {
            let row = (0 ..< n).reduce(0.0) { $0 + a[i * n + $1] * x[$1] }
            #expect(abs(row - b[i]) < 1e-9)
        }
    }

    // MARK: training

    @Test func leastSquaresRecoversALowRankMatrix() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 60, items: 50, observed: 0.6))
        // Rank 3, plus two for what the fixed damped biases get wrong.
        let model = try ALSModel.train(matrix, parameters: .init(features: 5, regularization: 1e-5, iterations: 200,
                                                                 samples: 0))
        #expect(model.trainingRMSE < 1e-3)
        let all = try HeldOutRatings(table: Self.lowRankTable(users: 60, items: 50, observed: 1))
        let report = try Evaluation.evaluate(model, on: all)
        #expect(report.heldOut == all.count - matrix.ratingCount && report.coverage == 1)
        #expect(report.model.rmse < 0.05, "held-out rmse \(report.model.rmse)")
    }

    @Test func bayesianAveragingPredictsTheMissingCells() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 60, items: 50, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 60, burnIn: 10))
        let all = try HeldOutRatings(table: Self.lowRankTable(users: 60, items: 50, observed: 1))
        let report = try Evaluation.evaluate(model, on: all)
        let bias = try Evaluation.evaluate(BiasModel.train(matrix, parameters: .init(damping: 5)), on: all)
        #expect(report.model.rmse < 0.06 && report.model.rmse < bias.model.rmse / 5,
                "als \(report.model.rmse), bias \(bias.model.rmse)")
    }

    @Test func theSameSeedGivesTheSameModel() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 40, items: 30, observed: 0.5))
        let parameters = ALSModel.Parameters(features: 4, iterations: 2, samples: 8, burnIn: 2)
        let a = try ALSModel.train(matrix, parameters: parameters)
        let b = try ALSModel.train(matrix, parameters: parameters)
        #expect(a.users == b.users && a.items == b.items)
        var other = parameters
        other.seed = 7
        #expect(try ALSModel.train(matrix, parameters: other).items != a.items)
    }

    @Test func predictionsAreClampedToTheTrainingRange() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 30, items: 25, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 10, burnIn: 2))
        let (low, high) = (matrix.userRatings.min() ?? 0, matrix.userRatings.max() ?? 0)
        let scores = try model.itemScores(user: 1)
        #expect(scores.values.allSatisfy { $0.isNaN || ($0 >= low && $0 <= high) })
        #expect(model.low == low && model.high == high)
    }

    @Test func predictMatchesItemScores() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 30, items: 25, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 10, burnIn: 2))
        let scores = try model.itemScores(user: 7)
        for (i, id) in matrix.itemIds.enumerated() {
            if scores.rated[i] { #expect(scores.values[i].isNaN) } else { #expect(model.predict(user: 7, item: id) == scores.values[i]) }
        }
        #expect(model.predict(user: 999, item: 10) == nil && model.predict(user: 7, item: 11) == nil)
        #expect(model.itemVectors.count == matrix.itemCount * 3 && model.itemVector(of: 10) == model.itemVector(index: 0))
        #expect(model.itemBiases.count == matrix.itemCount && model.itemVector(of: 11) == nil)
    }

    // MARK: fold-in

    @Test func foldingInADataUserGivesBackTheirVectorOnceConverged() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 40, items: 30, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 4, iterations: 300, samples: 0))
        for u in [0, 17, 39] {
            let entries = matrix.entries(ofUser: u)
            let ratings = entries.map { (item: matrix.itemIds[Int(matrix.userItems[$0])], rating: matrix.userRatings[$0]) }
            let (vector, bias) = model.foldIn(ratings: ratings)
            let trained = model.userVector(index: u).map(Double.init)
            #expect(zip(vector, trained).allSatisfy { abs($0 - $1) < 1e-5 }, "\(vector) vs \(trained)")
            #expect(abs(bias - model.userBiases[u]) < 1e-12)
        }
    }

    @Test func foldingInAfterSamplingPredictsLikeTheTrainedUser() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 40, items: 30, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 40, burnIn: 5))
        let u = 5, id = matrix.userIds[5]
        let ratings = matrix.entries(ofUser: u).map { (item: matrix.itemIds[Int(matrix.userItems[$0])], rating: matrix.userRatings[$0]) }
        let person = model.itemScores(ratings: ratings), user = try model.itemScores(user: id)
        #expect(person.rated == user.rated && person.knownCount == user.knownCount)
        let pairs = zip(person.values, user.values).filter { !$0.0.isNaN }
        #expect(!pairs.isEmpty)
        let rms = (pairs.reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(pairs.count)).squareRoot()
        #expect(rms < 0.01, "fold-in differs from the trained user by \(rms)")
    }

    @Test func aNewPersonsRatingsAreFoldedIn() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 30, items: 25, observed: 0.6))
        let model = try ALSModel.train(matrix, parameters: .init(features: 3, samples: 10, burnIn: 2))
        let scores = model.itemScores(ratings: [(10, 1), (20, 4), (10, 5), (9999, 3)])
        #expect(scores.ratingCount == 3 && scores.knownCount == 2)
        #expect(scores.isRated(10) && scores.isRated(20) && scores.score(ofItem: 10) == nil)
        #expect(scores.scoredCount == matrix.itemCount - 2)
        // The later rating of movie 10 (5) wins, as if given alone.
        let once = model.itemScores(ratings: [(20, 4), (10, 5)])
        #expect(once.values.enumerated().allSatisfy { $0.element.isNaN ? scores.values[$0.offset].isNaN : scores.values[$0.offset] == $0.element })
        // Nobody known: the prior's mean person, still scored.
        #expect(model.itemScores(ratings: [(9999, 3)]).scoredCount == matrix.itemCount)
    }

    // MARK: settings

    @Test func badSettingsAreRefusedByName() throws {
        let matrix = try RatingMatrix.build(from: Self.lowRankTable(users: 5, items: 5, observed: 1))
        for (parameters, key) in [(ALSModel.Parameters(features: 0), "features"), (.init(regularization: 0), "reg"),
                                  (.init(damping: -1), "damping"), (.init(robustness: .nan), "nu")] {
            #expect(throws: RecLabError.self) { try ALSModel.train(matrix, parameters: parameters) }
            do { _ = try ALSModel.train(matrix, parameters: parameters) } catch { #expect(error.subject == key) }
        }
        let cancel = Cancellation()
        cancel.cancel()
        #expect(throws: RecLabError.cancelled) { try ALSModel.train(matrix, parameters: .init(samples: 3), cancel: cancel) }
    }

    @Test func normalAndGammaDrawsHaveTheirMoments() {
        var g = SeededGenerator(seed: 11)
        let n = 20_000
        let normals = (0 ..< n).map { _ in g.normal() }
        let mean = normals.reduce(0, +) / Double(n)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        var filled = [Double](repeating: 0, count: n)
        filled.withUnsafeMutableBufferPointer { g.fillNormals($0.baseAddress!, count: n) }
        #expect(abs(filled.reduce(0, +) / Double(n)) < 0.03)
        for (shape, rate) in [(0.5, 1.0), (3.0, 2.0), (400.0, 10.0)] {
            let draws = (0 ..< n).map { _ in g.gamma(shape: shape, rate: rate) }
            let m = draws.reduce(0, +) / Double(n)
            #expect(abs(m - shape / rate) < 0.03 * shape / rate, "gamma(\(shape), \(rate)) mean \(m)")
            #expect(draws.allSatisfy { $0 > 0 })
        }
    }
}
