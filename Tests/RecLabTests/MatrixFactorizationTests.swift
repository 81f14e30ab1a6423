import Foundation
import Testing
@testable import RecLab

/// `mf` on small synthetic matrices: determinism, learning, recovery of a
/// low-rank matrix, fold-in, similar, continuing, cancelling, bad settings.
@Suite struct MatrixFactorizationTests {
    /// Ratings r_ui = 3 + a_u·b_i (rank 2, a and b in ±1 so r in 1…5) for
    /// every user and item, or a seeded `density` share of them.
    static func lowRank(users: Int = 80, items: Int = 60, density: Double = 1, seed: UInt64 = 3) throws -> RatingMatrix {
        var generator = SeededGenerator(seed: seed)
        let a = (0 ..< users).map { _ in (generator.nextUnit() * 2 - 1, generator.nextUnit() * 2 - 1) }
        let b = (0 ..< items).map { _ in (generator.nextUnit() * 2 - 1, generator.nextUnit() * 2 - 1) }
        var rows: [(Int64, Int64, Double)] = []
        for u in 0 ..< users {
            for i in 0 ..< items where density >= 1 || generator.nextUnit() < density {
                rows.append((Int64(u + 1), Int64(i + 1), 3 + a[u].0 * b[i].0 + a[u].1 * b[i].1))
            }
        }
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])
        return try RatingMatrix.build(from: table)
    }

    static let quick = MatrixFactorization.Parameters(factors: 8, epochs: 4, learningRate: 0.03, weightDecay: 0.01,
                                                      validFraction: 0.2, seed: 42, batchSize: 16)

    @Test func sameSeedSameModelOtherSeedOtherModel() throws {
        let matrix = try Self.lowRank()
        let a = try MatrixFactorization.train(matrix, parameters: Self.quick)
        let b = try MatrixFactorization.train(matrix, parameters: Self.quick)
        #expect(a.itemVectors == b.itemVectors && a.itemBiases == b.itemBiases)
        #expect(a.history.map(\.validLoss) == b.history.map(\.validLoss))
        var other = Self.quick
        other.seed = 43
        let c = try MatrixFactorization.train(matrix, parameters: other)
        #expect(a.itemVectors != c.itemVectors)
        // The blocked path is deterministic too, and trains in another order.
        let d = try MatrixFactorization.train(matrix, parameters: Self.quick, grid: 2, cancel: .never, observer: .init())
        let e = try MatrixFactorization.train(matrix, parameters: Self.quick, grid: 2, cancel: .never, observer: .init())
        #expect(d.itemVectors == e.itemVectors && d.itemVectors != a.itemVectors)
    }

    /// The blocks of a round run on however many workers are free, in any
    /// timing: the model is bit for bit the one trained on one thread.
    @Test func blocksTrainTheSameOnOneThreadAsOnAll() throws {
        let matrix = try Self.lowRank(users: 150, items: 90, density: 0.6)
        var p = Self.quick
        p.epochs = 3
        let threaded = try MatrixFactorization.train(matrix, parameters: p, grid: 5, cancel: .never, observer: .init())
        let alone = try MatrixFactorization.train(matrix, parameters: p, grid: 5, concurrently: false, cancel: .never,
                                                  observer: .init())
        #expect(threaded.itemVectors == alone.itemVectors && threaded.itemBiases == alone.itemBiases)
        #expect((0 ..< matrix.userCount).allSatisfy { threaded.userVector(index: $0) == alone.userVector(index: $0) })
        #expect(threaded.history.map(\.trainLoss) == alone.history.map(\.trainLoss))
        #expect(threaded.history.map(\.validLoss) == alone.history.map(\.validLoss))
        #expect(threaded.history[2].validLoss < 0.5 * threaded.history[0].validLoss)
    }

    /// In each round the blocks share no user and no movie, every training
    /// rating is in the block of its user's and its movie's groups, and each
    /// block's batches are spread over the round in proportion.
    @Test func roundsAreDisjointAndTheirStepsInterleaved() throws {
        let matrix = try Self.lowRank(users: 150, items: 90, density: 0.6)
        var p = Self.quick
        p.epochs = 0
        let model = try MatrixFactorization.train(matrix, parameters: p, grid: 4, cancel: .never, observer: .init())
        let strata = model.state.strata
        #expect(strata.userRanges.map(\.count).reduce(0, +) == matrix.userCount)
        #expect(strata.itemRanges.map(\.count).reduce(0, +) == matrix.itemCount)
        for (b, block) in strata.blocks.enumerated() {
            let (a, c) = b.quotientAndRemainder(dividingBy: 4)
            #expect(model.state.train[block].allSatisfy {
                strata.userRanges[a].contains(Int($0.user)) && strata.itemRanges[c].contains(Int($0.item))
            })
        }
        #expect(strata.blocks.map(\.count).reduce(0, +) == model.state.train.count)
        let plan = MFFitPlan(strata: strata, batchSize: p.batchSize)
        for (s, round) in plan.rounds.enumerated() {
            let userGroups = round.map { $0.block / 4 }, itemGroups = round.map { $0.block % 4 }
            #expect(Set(userGroups).count == round.count && Set(itemGroups).count == round.count)
            let steps = round.flatMap(\.steps).sorted()
            #expect(steps == (0 ..< plan.roundSteps[s]).map(Int32.init))
            for part in round {
                let n = Double(part.steps.count), total = Double(plan.roundSteps[s])
                for (j, step) in part.steps.enumerated() {
                    // Batch j of n sits at (j + ½)/n of the round, give or take a step per block.
                    #expect(abs(Double(step) + 0.5 - (Double(j) + 0.5) / n * total) <= Double(round.count))
                }
            }
        }
    }

    @Test func lossesFallAndTheReportIsFastAisTable() throws {
        let matrix = try Self.lowRank()
        let reports = Reports()
        let model = try MatrixFactorization.train(matrix, parameters: Self.quick, cancel: Cancellation(progress: reports.progress),
                                                  observer: .init(epoch: { reports.add($0) }))
        let history = model.history
        #expect(history.map(\.epoch) == [0, 1, 2, 3])
        #expect(reports.all == history)
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.trainLoss > $1.trainLoss && $0.validLoss > $1.validLoss })
        #expect(history.allSatisfy { abs($0.rmse - $0.validLoss.squareRoot()) < 1e-12 && $0.seconds >= 0 })
        #expect(reports.lastFraction == 1)
        #expect(reports.stagesSeen.filter { $0.hasPrefix("epoch") } == ["epoch 0 (1 of 4)", "epoch 1 (2 of 4)", "epoch 2 (3 of 4)", "epoch 3 (4 of 4)"])
        // Before training predictions sit near the middle of (0.5, 5.5):
        // the first epoch's valid loss is far above the last one's.
        #expect(history[3].validLoss < 0.5 * history[0].validLoss)
    }

    @Test func recoversALowRankMatrix() throws {
        let matrix = try Self.lowRank(density: 0.5)
        let p = MatrixFactorization.Parameters(factors: 4, epochs: 40, learningRate: 0.05, weightDecay: 0,
                                               validFraction: 0, seed: 1, batchSize: 32)
        let model = try MatrixFactorization.train(matrix, parameters: p)
        // Error over every cell, including the half never seen in training.
        let full = try Self.lowRank()
        var squares = 0.0
        for u in 0 ..< full.userCount {
            for k in full.entries(ofUser: u) {
                let item = full.itemIds[Int(full.userItems[k])]
                let predicted = try #require(model.predict(user: full.userIds[u], item: item))
                squares += (predicted - full.userRatings[k]) * (predicted - full.userRatings[k])
            }
        }
        let rmse = (squares / Double(full.ratingCount)).squareRoot()
        #expect(rmse < 0.15, "rmse \(rmse)")
    }

    @Test func foldInIsTheRidgeSolutionInLogitSpace() throws {
        let matrix = try Self.lowRank(users: 20, items: 10)
        var p = Self.quick
        p.factors = 2
        let model = try MatrixFactorization.train(matrix, parameters: p)
        let person: [(item: Int64, rating: Double)] = [(1, 2), (2, 4), (3, 2.5), (9, 4), (999, 3), (2, 4.2)]
        let (vector, bias) = model.foldIn(ratings: person)
        #expect(model.low < 2 && model.high > 4.2, "the person's ratings must be inside the range")
        // Direct 3 × 3 solve (Cramer's rule) of (λI + Σ w wᵀ) x = Σ w t,
        // w = (v₁, v₂, 1), movie 2's later rating replacing the earlier one.
        var a = [[Double]](repeating: [0, 0, 0], count: 3), y = [0.0, 0, 0]
        for (item, r) in [(Int64(1), 2.0), (2, 4.2), (3, 2.5), (9, 4)] {
            let v = try #require(model.itemVector(of: item)).map(Double.init)
            let i = try #require(matrix.itemIndex(of: item))
            let w = [v[0], v[1], 1]
            let q = (r - model.low) / (model.high - model.low)
            let t = log(q / (1 - q)) - model.itemBiases[i]
            for s in 0 ..< 3 {
                y[s] += w[s] * t
                for c in 0 ..< 3 { a[s][c] += w[s] * w[c] }
            }
        }
        for s in 0 ..< 3 { a[s][s] += MatrixFactorization.foldInRegularization }
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let x = (0 ..< 3).map { c in det(a.enumerated().map { s, row in row.enumerated().map { $0.offset == c ? y[s] : $0.element } }) / det(a) }
        #expect(abs(vector[0] - x[0]) < 1e-9 && abs(vector[1] - x[1]) < 1e-9 && abs(bias - x[2]) < 1e-9)

        let scores = model.itemScores(ratings: person)
        #expect(scores.ratingCount == 5 && scores.knownCount == 4 && scores.candidateCount == 6)
        #expect(scores.score(ofItem: 2) == nil && scores.score(ofItem: 9) == nil)
        let i5 = try #require(matrix.itemIndex(of: 5))
        let v5 = try #require(model.itemVector(of: 5)).map(Double.init)
        let expected = model.squash(vector[0] * v5[0] + vector[1] * v5[1] + bias + model.itemBiases[i5])
        // Scoring takes the dot products in Float, as training does.
        #expect(abs((scores.score(ofItem: 5) ?? 0) - expected) < 1e-5)
        #expect(scores.recommend(20).count == 6)
    }

    @Test func dataUsersScoreFromTheirTrainedVectors() throws {
        let matrix = try Self.lowRank(density: 0.5)
        let model = try MatrixFactorization.train(matrix, parameters: Self.quick)
        let scores = try model.itemScores(user: 5)
        let u = try #require(matrix.userIndex(of: 5))
        #expect(scores.knownCount == matrix.entries(ofUser: u).count)
        for item in matrix.itemIds {
            if scores.isRated(item) { #expect(scores.score(ofItem: item) == nil) } else {
                #expect(abs((scores.score(ofItem: item) ?? 0) - (model.predict(user: 5, item: item) ?? 1)) < 1e-5)
            }
        }
        #expect(throws: RecLabError.self) { try model.itemScores(user: 12345) }
    }

    @Test func similarByCosineAndL1PutsTheMovieFirst() throws {
        let matrix = try Self.lowRank()
        let model = try MatrixFactorization.train(matrix, parameters: Self.quick)
        let cosine = try model.similarItems(to: 7, count: 5)
        #expect(cosine.first?.item == 7 && abs((cosine.first?.score ?? 0) - 1) < 1e-5)
        #expect(zip(cosine, cosine.dropFirst()).allSatisfy { $0.score >= $1.score })
        let l1 = try model.similarItems(to: 7, count: 5, metric: .l1)
        #expect(l1.first?.item == 7 && l1.first?.score == 0)
        #expect(zip(l1, l1.dropFirst()).allSatisfy { $0.score <= $1.score })
        // The second by l1 is the nearest by a direct sum.
        let v7 = try #require(model.itemVector(of: 7))
        let nearest = matrix.itemIds.filter { $0 != 7 }.min { a, b in
            func d(_ id: Int64) -> Float { zip(model.itemVector(of: id) ?? [], v7).reduce(0) { $0 + abs($1.0 - $1.1) } }
            return d(a) < d(b)
        }
        #expect(l1.count == 5 && l1[1].item == nearest)
        #expect(throws: RecLabError.self) { try model.similarItems(to: 999, count: 5) }
    }

    @Test func fitContinuesTheEpochCount() throws {
        let matrix = try Self.lowRank()
        let first = try MatrixFactorization.train(matrix, parameters: Self.quick)
        let more = try first.fit(epochs: 2)
        #expect(more.history.map(\.epoch) == [0, 1, 2, 3, 4, 5] && more.epochsTrained == 6)
        #expect(more.itemVectors != first.itemVectors && first.history.count == 4)
        #expect(more.settings.first { $0.key == "epochs" }?.value == "6")
    }

    /// Fewer ratings than a batch still train (one partial batch is not
    /// dropped when it is the only one); nothing left to train on after the
    /// held-out share trains nothing and reports no train loss.
    @Test func tinyDataTrains() throws {
        let matrix = try Self.lowRank(users: 3, items: 2)
        let model = try MatrixFactorization.train(matrix, parameters: .init(epochs: 2, validFraction: 0))
        #expect(model.history.count == 2 && model.history.allSatisfy { $0.trainLoss.isFinite })
        #expect(model.itemVectors != (try MatrixFactorization.train(matrix, parameters: .init(epochs: 0))).itemVectors)
        let one = try Self.lowRank(users: 1, items: 1)
        let held = try MatrixFactorization.train(one, parameters: .init(epochs: 1, validFraction: 0.6))
        #expect(held.history.count == 1 && held.history[0].trainLoss.isNaN && held.history[0].validLoss.isFinite)
    }

    @Test func badSettingsNameTheirKey() throws {
        let matrix = try Self.lowRank(users: 5, items: 5)
        let cases: [(MatrixFactorization.Parameters, String)] = [
            (.init(factors: 0), "factors"), (.init(epochs: -1), "epochs"), (.init(learningRate: -0.1), "lr"),
            (.init(learningRate: .nan), "lr"), (.init(weightDecay: -1), "wd"), (.init(validFraction: 1.5), "valid"),
            (.init(validFraction: 1), "valid"), (.init(batchSize: 0), "bs"),
        ]
        for (parameters, key) in cases {
            #expect(throws: RecLabError.self) { try MatrixFactorization.train(matrix, parameters: parameters) }
            do {
                _ = try MatrixFactorization.train(matrix, parameters: parameters)
            } catch {
                #expect(error.subject == key)
            }
        }
        #expect(throws: RecLabError.self) { try MatrixFactorization.train(matrix).fit(epochs: -2) }
    }
}

/// Collects what an observer reports (called on the training thread).
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [MatrixFactorization.EpochReport] = []
    private var last = 0.0
    private var stages: [String] = []

    func add(_ report: MatrixFactorization.EpochReport) { lock.withLock { reports.append(report) } }
    func progress(_ report: ProgressReport) {
        lock.withLock {
            last = report.fraction
            if stages.last != report.stage { stages.append(report.stage) }
        }
    }
    /// The stages reported, in order, each once.
    var stagesSeen: [String] { lock.withLock { stages } }
    var all: [MatrixFactorization.EpochReport] { lock.withLock { reports } }
    var lastFraction: Double { lock.withLock { last } }
}
