import Foundation
import Testing
@testable import RecLab

/// The lazy optimiser against fast.ai's dense one: the same initial rows,
/// the same batches in the same order, the same schedule; the dense
/// reference (in doubles) decays and steps every row on every step.
@Suite struct MatrixFactorizationDenseTests {
    /// fast.ai's Adam with decoupled weight decay over every row, in doubles.
    struct DenseAdam {
        var rows: [[Double]]
        var m: [[Double]]
        var v: [[Double]]
        let users: Int

        init(_ model: MatrixFactorization) {
            let k = model.factors
            var rows: [[Double]] = []
            for u in 0 ..< model.matrix.userCount {
                rows.append(model.userVector(index: u).map(Double.init) + [model.userBias(index: u)])
            }
            for i in 0 ..< model.matrix.itemCount {
                rows.append(model.itemVector(index: i).map(Double.init) + [model.itemBiases[i]])
            }
            self.rows = rows
            m = rows.map { _ in [Double](repeating: 0, count: k + 1) }
            v = m
            users = model.matrix.userCount
        }

        /// One step of fast.ai's `Adam(decouple_wd=True)` at life step `n`.
        mutating func step(_ batch: [MFRating], lr: Double, mom: Double, wd: Double, n: Int, low: Double, span: Double) {
            let k = rows[0].count - 1
            var grads = rows.map { _ in [Double](repeating: 0, count: k + 1) }
            for r in batch {
                let (u, i) = (Int(r.user), users + Int(r.item))
                var z = rows[u][k] + rows[i][k]
                for f in 0 ..< k { z += rows[u][f] * rows[i][f] }
                let s = 1 / (1 + exp(-z))
                let g = 2 / Double(batch.count) * (low + span * s - Double(r.rating)) * span * s * (1 - s)
                for f in 0 ..< k {
                    grads[u][f] += g * rows[i][f]
                    grads[i][f] += g * rows[u][f]
                }
                grads[u][k] += g
                grads[i][k] += g
            }
            let beta2 = Double(MFKernel.beta2), eps = Double(MFKernel.epsilon)
            for row in rows.indices {
                for f in 0 ... k {
                    let g = grads[row][f]
                    rows[row][f] *= 1 - lr * wd
                    m[row][f] = mom * m[row][f] + (1 - mom) * g
                    v[row][f] = beta2 * v[row][f] + (1 - beta2) * g * g
                    let denominator = (v[row][f] / (1 - pow(beta2, Double(n)))).squareRoot() + eps
                    rows[row][f] -= lr / (1 - pow(mom, Double(n))) * m[row][f] / denominator
                }
            }
        }

        func meanSquaredError(_ ratings: [MFRating], low: Double, span: Double) -> Double {
            let k = rows[0].count - 1
            var sum = 0.0
            for r in ratings {
                let (u, i) = (Int(r.user), users + Int(r.item))
                var z = rows[u][k] + rows[i][k]
                for f in 0 ..< k { z += rows[u][f] * rows[i][f] }
                let e = low + span / (1 + exp(-z)) - Double(r.rating)
                sum += e * e
            }
            return sum / Double(ratings.count)
        }
    }

    /// Trains `parameters` both ways; returns (lazy valid MSE, dense valid
    /// MSE, RMS difference of the parameters, RMS of the dense parameters).
    static func compare(_ matrix: RatingMatrix, _ parameters: MatrixFactorization.Parameters,
                        grid: Int = 1) throws -> (lazy: Double, dense: Double, difference: Double, scale: Double) {
        var untrained = parameters
        untrained.epochs = 0
        let start = try MatrixFactorization.train(matrix, parameters: untrained, grid: grid, cancel: .never,
                                                  observer: .init())
        let plan = MFFitPlan(strata: start.state.strata, batchSize: parameters.batchSize)
        let schedule = OneCycle(epochs: parameters.epochs, stepsPerEpoch: plan.stepsPerEpoch, lr: parameters.learningRate,
                                wd: parameters.weightDecay, firstStep: 0, beta2: Double(MFKernel.beta2))
        var dense = DenseAdam(start)
        var nudged = dense
        for r in nudged.rows.indices { for f in nudged.rows[r].indices { nudged.rows[r][f] *= 1 + 1e-6 } }
        let (low, span) = (start.low, start.high - start.low)
        var t = 0
        for e in 0 ..< parameters.epochs {
            for batch in start.batches(epochInFit: e) {
                dense.step(batch, lr: Double(schedule.rates[t]), mom: Double(schedule.moms[t]),
                           wd: parameters.weightDecay, n: t + 1, low: low, span: span)
                nudged.step(batch, lr: Double(schedule.rates[t]), mom: Double(schedule.moms[t]),
                           wd: parameters.weightDecay, n: t + 1, low: low, span: span)
                t += 1
            }
        }
        var chaos = 0.0
        for (a, b) in zip(nudged.rows, dense.rows) { for (x, y) in zip(a, b) { chaos += (x - y) * (x - y) } }
        print("nudged by 1e-6: difference \((chaos / Double(dense.rows.count * dense.rows[0].count)).squareRoot()), valid \(nudged.meanSquaredError(start.state.valid, low: low, span: span))")
        let lazy = try start.fit(epochs: parameters.epochs)
        var squares = 0.0, scale = 0.0, count = 0
        let lazyRows = (0 ..< matrix.userCount).map { lazy.userVector(index: $0).map(Double.init) + [lazy.userBias(index: $0)] }
            + (0 ..< matrix.itemCount).map { lazy.itemVector(index: $0).map(Double.init) + [lazy.itemBiases[$0]] }
        for (a, b) in zip(lazyRows, dense.rows) {
            for (x, y) in zip(a, b) {
                squares += (x - y) * (x - y)
                scale += y * y
                count += 1
            }
        }
        return (lazy.history.last?.validLoss ?? .nan, dense.meanSquaredError(start.state.valid, low: low, span: span),
                (squares / Double(count)).squareRoot(), (scale / Double(count)).squareRoot())
    }

    /// Half-star ratings of a rank-3 model with noise, a random `density` of cells.
    static func noisy(users: Int, items: Int, density: Double, seed: UInt64 = 9) throws -> RatingMatrix {
        var generator = SeededGenerator(seed: seed)
        func normal() -> Double { generator.truncatedNormal() }
        let a = (0 ..< users).map { _ in (0 ..< 4).map { _ in normal() * 0.5 } }
        let b = (0 ..< items).map { _ in (0 ..< 4).map { _ in normal() * 0.5 } }
        var rows: [(Int64, Int64, Double)] = []
        for u in 0 ..< users {
            for i in 0 ..< items where generator.nextUnit() < density {
                var r = 3.5 + 0.3 * a[u][3] + 0.4 * b[i][3] + 0.4 * normal()
                for f in 0 ..< 3 { r += a[u][f] * b[i][f] }
                rows.append((Int64(u + 1), Int64(i + 1), min(5, max(0.5, (r * 2).rounded() / 2))))
            }
        }
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])
        return try RatingMatrix.build(from: table)
    }

    @Test func lazyAdamTracksDenseAdam() throws {
        let matrix = try MatrixFactorizationTests.lowRank(users: 120, items: 80, density: 0.3)
        let p = MatrixFactorization.Parameters(factors: 4, epochs: 3, learningRate: 0.02, weightDecay: 0.1,
                                               validFraction: 0.2, seed: 5, batchSize: 8)
        let c = try Self.compare(matrix, p)
        print("lazy \(c.lazy) dense \(c.dense) difference \(c.difference) scale \(c.scale)")
        for (bs, lr, wd) in [(32, 0.005, 0.1), (64, 0.005, 0.1), (16, 0.01, 0.1), (64, 0.005, 0.0)] {
            let noisy = try Self.noisy(users: 300, items: 200, density: 0.15)
            let q = MatrixFactorization.Parameters(factors: 8, epochs: 5, learningRate: lr, weightDecay: wd,
                                                   validFraction: 0.2, seed: 5, batchSize: bs)
            let d = try Self.compare(noisy, q)
            print("noisy bs \(bs) lr \(lr) wd \(wd): lazy \(d.lazy.squareRoot()) dense \(d.dense.squareRoot()) difference \(d.difference) scale \(d.scale)")
        }
        #expect(abs(c.lazy - c.dense) < 0.01 * c.dense)
        #expect(c.difference < 0.02 * c.scale)
    }
}
