import Foundation
import Testing
@testable import RecLab

/// `lowrank`: its cost's gradient against finite differences, determinism,
/// the same result on one core or several, the cost going down, fold-in,
/// similar, bad settings, and the tutorial's data.
@Suite struct LowRankTests {
    /// A seeded random sparse matrix: `users` × `items`, each pair rated
    /// with probability `density`, ratings 1…5 from a rank-2 pattern plus noise.
    static func matrix(users: Int = 30, items: Int = 20, density: Double = 0.4, seed: UInt64 = 5) throws -> RatingMatrix {
        var g = SeededGenerator(seed: seed)
        let a = (0 ..< users).map { _ in (g.nextUnit(), g.nextUnit()) }
        let b = (0 ..< items).map { _ in (g.nextUnit(), g.nextUnit()) }
        var rows: [(Int64, Int64, Double)] = []
        for u in 0 ..< users {
            for i in 0 ..< items where g.nextUnit() < density {
                let r = 1 + 2 * (a[u].0 * b[i].0 + a[u].1 * b[i].1) + g.nextUnit()
                rows.append((Int64(10 * u + 7), Int64(100 + i), min(5, r.rounded())))
            }
        }
        return try RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ]))
    }

    static func tutorial() throws -> (table: Table, matrix: RatingMatrix) {
        let table = try TableLoader.load(path: TestFiles.real("linkedin-recs/movie_ratings_data_set.csv"))
        return (table, try RatingMatrix.build(from: table))
    }

    /// f and ∇f of a model's cost at its current vectors.
    static func evaluate(_ cost: LowRankCost, _ x: [Double]) -> (Double, [Double]) {
        var g = [Double](repeating: .nan, count: x.count)
        let f = x.withUnsafeBufferPointer { xs in g.withUnsafeMutableBufferPointer { cost.evaluate(xs, $0) } }
        return (f, g)
    }

    @Test(arguments: [false, true])
    func gradientMatchesFiniteDifferences(normalize: Bool) throws {
        // 3 features: one padding number per row, whose gradient must stay 0.
        let model = try LowRank.train(Self.matrix(), parameters: .init(features: 3, regularization: 0.7, iterations: 0,
                                                                       normalize: normalize))
        let cost = LowRankCost(matrix: model.matrix, width: model.width, regularization: 0.7, itemMeans: model.itemMeans)
        let x = model.vectors
        let (f, g) = Self.evaluate(cost, x)
        #expect(f == model.report.cost)
        for j in stride(from: 0, to: x.count, by: 1) {
            if j % model.width >= 3 {
                #expect(g[j] == 0 && x[j] == 0, "padding \(j)")
                continue
            }
            let h = 1e-5
            var plus = x, minus = x
            plus[j] += h
            minus[j] -= h
            let numeric = (Self.evaluate(cost, plus).0 - Self.evaluate(cost, minus).0) / (2 * h)
            #expect(abs(numeric - g[j]) <= 1e-6 * max(1, abs(g[j])), "coordinate \(j): \(numeric) vs \(g[j])")
        }
    }

    @Test func theCostIsHalfTheSquaredErrorPlusThePenalty() throws {
        let matrix = try Self.matrix(users: 4, items: 3, density: 1)
        let model = try LowRank.train(matrix, parameters: .init(features: 2, regularization: 0.5, iterations: 0))
        var squares = 0.0
        for u in 0 ..< matrix.userCount {
            for k in matrix.entries(ofUser: u) {
                let p = try #require(model.predict(user: matrix.userIds[u], item: matrix.itemIds[Int(matrix.userItems[k])]))
                squares += (p - matrix.userRatings[k]) * (p - matrix.userRatings[k])
            }
        }
        let norms = model.vectors.reduce(0) { $0 + $1 * $1 }
        #expect(abs(model.report.cost - (0.5 * squares + 0.25 * norms)) < 1e-12 * model.report.cost)
        #expect(abs(model.report.trainingRMSE - (squares / Double(matrix.ratingCount)).squareRoot()) < 1e-12)
    }

    @Test func oneWorkerOrSeveralGiveTheSameBits() throws {
        let model = try LowRank.train(Self.matrix(users: 200, items: 60), parameters: .init(iterations: 0))
        let serial = LowRankCost(matrix: model.matrix, width: model.width, regularization: 0.1, itemMeans: nil)
        let parallel = LowRankCost(matrix: model.matrix, width: model.width, regularization: 0.1, itemMeans: nil,
                                   ratingsPerWorker: 1)
        #expect(serial.userParts.count == 1)
        #expect(parallel.userParts.count == min(Parallel.coreCount, model.matrix.userCount))
        let (f1, g1) = Self.evaluate(serial, model.vectors), (f2, g2) = Self.evaluate(parallel, model.vectors)
        #expect(f1 == f2 && g1 == g2)
    }

    @Test func sameSeedSameModelOtherSeedOtherModel() throws {
        let matrix = try Self.matrix()
        let a = try LowRank.train(matrix, parameters: .init(iterations: 50))
        let b = try LowRank.train(matrix, parameters: .init(iterations: 50))
        #expect(a.vectors == b.vectors && a.report == b.report)
        let c = try LowRank.train(matrix, parameters: .init(iterations: 50, seed: 43))
        #expect(a.vectors != c.vectors)
        // The starting vectors are standard normal draws.
        let start = try LowRank.train(matrix, parameters: .init(features: 16, iterations: 0)).vectors
        let mean = start.reduce(0, +) / Double(start.count)
        let variance = start.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(start.count)
        #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.1, "mean \(mean), variance \(variance)")
    }

    @Test(arguments: LowRank.Method.allCases)
    func eachFitLowersTheCost(method: LowRank.Method) throws {
        var model = try LowRank.train(Self.matrix(), parameters: .init(iterations: 0, method: method))
        var costs = [model.report.cost]
        for _ in 0 ..< 5 {
            model = try model.fit(iterations: 10)
            costs.append(model.report.cost)
        }
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $1 < $0 }, "\(costs)")
        #expect(model.iterationsTrained == 50)
        #expect(model.report.iterations == 10 && model.report.evaluations >= 10)
    }

    @Test func convergesToAStationaryPointWhereFoldInGivesBackTheUserVectors() throws {
        // Strong regularisation makes the problem well conditioned, so the
        // gradient all but vanishes (until the cost stops changing in its
        // last digits).
        let matrix = try Self.matrix()
        let model = try LowRank.train(matrix, parameters: .init(features: 4, regularization: 2, iterations: 5000,
                                                                gradientTolerance: 1e-9, costTolerance: 0))
        #expect(model.report.converged && model.report.gradientNorm < 1e-6, "\(model.report)")
        // ‖fold-in − trained‖ ≤ ‖∇_u f‖₂ / reg, and ‖∇_u f‖₂ ≤ √features × the largest component.
        let (features, reg) = (4.0, 2.0)
        let bound = model.report.gradientNorm * features.squareRoot() / reg + 1e-12
        // At ∇f = 0 each user's vector solves the ridge problem fold-in solves.
        for u in [0, 7, matrix.userCount - 1] {
            let ratings = matrix.entries(ofUser: u).map { (item: matrix.itemIds[Int(matrix.userItems[$0])], rating: matrix.userRatings[$0]) }
            let folded = model.foldIn(ratings: ratings), trained = model.userVector(index: u)
            #expect(zip(folded, trained).allSatisfy { abs($0 - $1) <= bound }, "user \(u): \(folded) vs \(trained)")
            // And so a data user scores the same as a new person with their ratings.
            let asUser = try model.itemScores(user: matrix.userIds[u]), asPerson = model.itemScores(ratings: ratings)
            #expect(zip(asUser.values, asPerson.values).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) < 1e-6 })
        }
    }

    @Test func ratedMoviesAreNeverCandidates() throws {
        let matrix = try Self.matrix()
        let model = try LowRank.train(matrix, parameters: .init(iterations: 30))
        let person: [(item: Int64, rating: Double)] = [(100, 5), (103, 1), (103, 4), (999, 3)]
        let scores = model.itemScores(ratings: person)
        #expect(scores.ratingCount == 3 && scores.knownCount == 2)
        #expect(scores.score(ofItem: 100) == nil && scores.score(ofItem: 103) == nil && scores.isRated(103))
        #expect(scores.scoredCount == matrix.itemCount - 2)
        // The later rating of 103 wins.
        #expect(model.foldIn(ratings: [(100, 5), (103, 4)]) == model.foldIn(ratings: person))
        let user = matrix.userIds[3]
        let forUser = try model.itemScores(user: user)
        for k in matrix.entries(ofUser: 3) { #expect(forUser.values[Int(matrix.userItems[k])].isNaN) }
        #expect(forUser.scoredCount == matrix.itemCount - matrix.entries(ofUser: 3).count)
        #expect(forUser.score(ofItem: forUser.recommend(1)[0].item) == model.predict(user: user, item: forUser.recommend(1)[0].item))
        #expect(throws: RecLabError.self) { try model.itemScores(user: 123_456) }
    }

    @Test func normalizeAddsEachMoviesMeanBack() throws {
        let matrix = try Self.matrix()
        let model = try LowRank.train(matrix, parameters: .init(iterations: 30, normalize: true))
        let means = try #require(model.itemMeans)
        for i in [0, 5] {
            let entries = matrix.entries(ofItem: i)
            #expect(abs(means[i] - matrix.itemRatings[entries].reduce(0, +) / Double(entries.count)) < 1e-12)
        }
        // Someone who rated nothing the model knows gets the movie means.
        let stranger = model.itemScores(ratings: [(item: 999, rating: 4)])
        #expect(stranger.values == means)
        #expect(try LowRank.train(matrix, parameters: .init(iterations: 0)).itemMeans == nil)
    }

    @Test func similarMoviesByL1AndCosine() throws {
        let matrix = try Self.matrix()
        let model = try LowRank.train(matrix, parameters: .init(features: 5, iterations: 40))
        let l1 = try model.similarItems(to: 104, count: 6, metric: .l1)
        #expect(l1.count == 6 && l1[0] == ScoredItem(item: 104, score: 0))
        #expect(zip(l1, l1.dropFirst()).allSatisfy { $0.score <= $1.score })
        let a = try #require(model.itemVector(of: 104)), b = try #require(model.itemVector(of: l1[3].item))
        let (i, j) = (try #require(matrix.itemIndex(of: 104)), try #require(matrix.itemIndex(of: l1[3].item)))
        let difference = zip(model.vectors[model.itemOffset(i)...].prefix(5), model.vectors[model.itemOffset(j)...].prefix(5))
            .reduce(0) { $0 + abs($1.0 - $1.1) }
        #expect(l1[3].score == difference)
        #expect(abs(Double(zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }) - difference) < 1e-5)
        // No other movie is closer than the fifth listed.
        let all = try model.similarItems(to: 104, count: matrix.itemCount, metric: .l1)
        #expect(all.count == matrix.itemCount && Array(all.prefix(6)) == l1)
        let cosine = try model.similarItems(to: 104, count: 3)
        #expect(cosine[0] == ScoredItem(item: 104, score: 1) && cosine[1].score <= 1)
        // minCount leaves out rarely rated movies, never the movie itself.
        let popular = try model.similarItems(to: 104, count: 50, metric: .l1, minCount: 10)
        #expect(popular.allSatisfy { $0.item == 104 || matrix.entries(ofItem: matrix.itemIndex(of: $0.item) ?? 0).count >= 10 })
        #expect(throws: RecLabError.self) { try model.similarItems(to: 5, count: 3) }
    }

    @Test func itemVectorsLikeMatrixFactorizations() throws {
        let matrix = try Self.matrix()
        let model = try LowRank.train(matrix, parameters: .init(features: 5, iterations: 5))
        #expect(model.factors == 5 && model.itemVectors.count == matrix.itemCount * 5)
        #expect(Array(model.itemVectors[10 ..< 15]) == model.itemVector(index: 2))
        #expect(model.itemVector(of: matrix.itemIds[2]) == model.itemVector(index: 2))
        #expect(model.itemVector(of: 5) == nil)
    }

    @Test func badSettingsNameTheirKey() throws {
        let matrix = try Self.matrix()
        for (parameters, key) in [(LowRank.Parameters(features: 0), "features"), (.init(features: 2000), "features"),
                                  (.init(regularization: -1), "reg"), (.init(regularization: .nan), "reg"),
                                  (.init(iterations: -1), "iters")] {
            let error = #expect(throws: RecLabError.self) { try LowRank.train(matrix, parameters: parameters) }
            #expect(error?.subject == key)
        }
        let model = try LowRank.train(matrix, parameters: .init(iterations: 0))
        #expect(#expect(throws: RecLabError.self) { try model.fit(iterations: -1) }?.subject == "iters")
        // Vectors that would not fit in memory are refused before they are made.
        let oneRow = LowRank.workingBytes(rows: 1, parameters: .init(features: 1024))
        #expect(oneRow == 1024 * 8 * 16)
        let rows = Int(LowRank.memoryLimit / oneRow) + 1
        let huge = try RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: (0 ..< Int64(rows)).map { $0 }),
            Column(name: "movieId", integers: [Int64](repeating: 1, count: rows)),
            Column(name: "rating", decimals: [Double](repeating: 3, count: rows)),
        ]))
        let refusal = #expect(throws: RecLabError.self) { try LowRank.train(huge, parameters: .init(features: 1024)) }
        #expect(refusal?.subject == "features" && refusal?.message.contains("more than half this machine's memory") == true)
        let cancel = Cancellation()
        cancel.cancel()
        #expect(throws: RecLabError.cancelled) { try LowRank.train(matrix, cancel: cancel) }
    }

    /// The tutorial's 680 ratings with its settings. scipy's `fmin_cg`, run
    /// the tutorial's way (3000 iterations from `np.random.randn`), ends at
    /// cost 32.5044 with training RMSE 0.0205; a broken optimiser stays far
    /// above (the starting cost is in the thousands).
    @Test(arguments: LowRank.Method.allCases)
    func theTutorialsDataReachesScipysMinimum(method: LowRank.Method) throws {
        let (_, matrix) = try Self.tutorial()
        let model = try LowRank.train(matrix, parameters: .init(iterations: 3000, method: method))
        #expect(model.report.converged, "\(model.report)")
        #expect(model.report.cost < 32.52 && model.report.cost > 32.50, "\(model.report)")
        #expect(model.report.trainingRMSE < 0.025, "\(model.report)")
        let start = try LowRank.train(matrix, parameters: .init(iterations: 0))
        #expect(start.report.cost > 1000)
    }
}
