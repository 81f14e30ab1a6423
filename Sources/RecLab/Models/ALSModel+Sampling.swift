/// The Gibbs sampler of ``ALSModel``'s Bayesian phase: the current draw of
/// every row, prior and noise level, and the sums of what is averaged.
///
/// Each number of a row (each factor, and the bias) has its own normal
/// prior whose mean and precision are drawn from a Normal-Gamma posterior
/// (prior mean 0 with the weight of one row, shape and rate 1). A rating's
/// noise precision is α × s_u × s_i: α from a Gamma posterior (shape and
/// rate 1), and with `nu` > 0 a scale per user and per movie, each a priori
/// Gamma(ν/2, ν/2) (mean 1), which makes the noise Student-t.
struct ALSSampler {
    let matrix: RatingMatrix
    let parameters: ALSModel.Parameters
    let width: Int
    let mean: Double
    let sides: (users: ALSSide, items: ALSSide)
    var users: [Double]
    var items: [Double]
    var noise: Double
    var scales: (users: [Double], items: [Double])
    var hyper: SeededGenerator
    /// Σ of the rows' solved means, the users' priors, the noise and the
    /// movies' scales over the kept sweeps.
    var sums: (users: [Double], items: [Double], priorMean: [Double], priorPrecision: [Double], noise: Double,
               itemScales: [Double])

    init(_ matrix: RatingMatrix, users: [Double], items: [Double], width: Int, mean: Double,
         parameters: ALSModel.Parameters) {
        (self.matrix, self.parameters, self.width, self.mean) = (matrix, parameters, width, mean)
        sides = (ALSSide.users(matrix), ALSSide.items(matrix))
        (self.users, self.items) = (users, items)
        noise = 1 / max(1e-6, ALSModel.trainingError(sides.users, users: users, items: items, width: width, mean: mean))
        scales = ([Double](repeating: 1, count: matrix.userCount), [Double](repeating: 1, count: matrix.itemCount))
        hyper = SeededGenerator(seed: ALSModel.mix(parameters.seed, 3))
        sums = ([Double](repeating: 0, count: users.count), [Double](repeating: 0, count: items.count),
                [Double](repeating: 0, count: width), [Double](repeating: 0, count: width), 0,
                [Double](repeating: 0, count: parameters.robustness > 0 ? matrix.itemCount : 0))
    }

    /// Sweep `s`: the users' prior, every user's row, the movies' prior,
    /// every movie's row, the scales and the noise level; the solved means
    /// and the hyperparameters are added to the sums when `kept`.
    ///
    /// - Complexity: O(r k² + (users + items) k³), one half-sweep per side.
    mutating func sweep(_ s: Int, kept: Bool, cancel: Cancellation) throws(RecLabError) {
        let robust = parameters.robustness > 0
        try cancel.check()
        let userPrior = ALSModel.drawPrior(users, width: width, generator: &hyper)
        sums.users.withUnsafeMutableBufferPointer { buffer in
            ALSModel.halfSweep(sides.users, rows: &users, other: items, width: width, mean: mean,
                               solve: .posterior(noise: noise, mean: userPrior.mean, precision: userPrior.precision, draw: true),
                               seed: ALSModel.mix(parameters.seed, UInt64(1000 + 2 * s)),
                               meanSums: kept ? buffer.baseAddress : nil, scales: robust ? (scales.users, scales.items) : nil)
        }
        try cancel.check()
        let itemPrior = ALSModel.drawPrior(items, width: width, generator: &hyper)
        sums.items.withUnsafeMutableBufferPointer { buffer in
            ALSModel.halfSweep(sides.items, rows: &items, other: users, width: width, mean: mean,
                               solve: .posterior(noise: noise, mean: itemPrior.mean, precision: itemPrior.precision, draw: true),
                               seed: ALSModel.mix(parameters.seed, UInt64(1001 + 2 * s)),
                               meanSums: kept ? buffer.baseAddress : nil, scales: robust ? (scales.items, scales.users) : nil)
        }
        drawNoise()
        guard kept else { return }
        for f in 0 ..< width {
            sums.priorMean[f] += userPrior.mean[f]
            sums.priorPrecision[f] += userPrior.precision[f]
        }
        sums.noise += noise
        for i in sums.itemScales.indices { sums.itemScales[i] += scales.items[i] }
    }

    /// Each user's scale given the errors of their ratings (weighted by the
    /// movies' scales), each movie's given its ratings' errors (weighted by
    /// the users' new scales), then α given every weighted error.
    ///
    /// - Complexity: O(r × k).
    private mutating func drawNoise() {
        let nu = parameters.robustness
        var squares = 0.0
        guard nu > 0 else {
            for e in ALSModel.squaredErrors(sides.users, rows: users, other: items, otherScale: nil, width: width, mean: mean) {
                squares += e
            }
            noise = hyper.gamma(shape: 1 + Double(matrix.ratingCount) / 2, rate: 1 + squares / 2)
            return
        }
        let userErrors = ALSModel.squaredErrors(sides.users, rows: users, other: items, otherScale: scales.items,
                                                width: width, mean: mean)
        for u in 0 ..< matrix.userCount {
            let n = Double(matrix.entries(ofUser: u).count)
            scales.users[u] = hyper.gamma(shape: (nu + n) / 2, rate: (nu + noise * userErrors[u]) / 2)
        }
        let itemErrors = ALSModel.squaredErrors(sides.items, rows: items, other: users, otherScale: scales.users,
                                                width: width, mean: mean)
        for i in 0 ..< matrix.itemCount {
            let n = Double(matrix.entries(ofItem: i).count)
            scales.items[i] = hyper.gamma(shape: (nu + n) / 2, rate: (nu + noise * itemErrors[i]) / 2)
            squares += scales.items[i] * itemErrors[i]
        }
        noise = hyper.gamma(shape: 1 + Double(matrix.ratingCount) / 2, rate: 1 + squares / 2)
    }

    /// The averages of the kept sweeps: rows, and the prior fold-in uses.
    func averages() -> (users: [Double], items: [Double], prior: ALSFoldInPrior) {
        let n = Double(max(1, parameters.samples))
        let prior = ALSFoldInPrior(kind: .bayesian(mean: sums.priorMean.map { $0 / n },
                                                   precision: sums.priorPrecision.map { $0 / n }, noise: sums.noise / n,
                                                   itemScales: sums.itemScales.map { $0 / n }))
        return (sums.users.map { $0 / n }, sums.items.map { $0 / n }, prior)
    }
}

extension ALSModel {
    /// Gibbs sampling from the least-squares rows: `burn` + `samples`
    /// sweeps of ``ALSSampler``; returns the mean of the last `samples`
    /// sweeps' solved rows (Rao–Blackwellised: each row's conditional mean,
    /// not its draw) and the prior fold-in uses.
    ///
    /// - Complexity: O((burn + samples) × (r k² + (users + items) k³)).
    static func sample(_ matrix: RatingMatrix, users: [Double], items: [Double], width: Int, mean: Double,
                       parameters: Parameters, cancel: Cancellation,
                       progress: (_ sweepsDone: Int) -> Void) throws(RecLabError) -> ([Double], [Double], ALSFoldInPrior) {
        var sampler = ALSSampler(matrix, users: users, items: items, width: width, mean: mean, parameters: parameters)
        for s in 0 ..< parameters.burnIn + parameters.samples {
            try sampler.sweep(s, kept: s >= parameters.burnIn, cancel: cancel)
            progress(s + 1)
        }
        let result = sampler.averages()
        return (result.users, result.items, result.prior)
    }

    /// Per row of `side`: Σ scale × (r − prediction)² over its ratings,
    /// scale the other row's (1 without scales). Each row is summed on its
    /// own, so the result does not depend on the number of cores.
    ///
    /// - Complexity: O(r × k).
    static func squaredErrors(_ side: ALSSide, rows: [Double], other: [Double], otherScale: [Double]?, width: Int,
                              mean: Double) -> [Double] {
        let k = width - 1
        let parts = Parallel.collect(Parallel.ranges(weightedBy: side.offsets, minimumWeight: 16_384)) { range in
            rows.withUnsafeBufferPointer { rp in
                other.withUnsafeBufferPointer { op in
                    range.map { row -> Double in
                        guard let rb = rp.baseAddress, let ob = op.baseAddress else { return 0 }
                        var sum = 0.0
                        for t in side.offsets[row] ..< side.offsets[row + 1] {
                            let j = Int(side.others[t])
                            let e = side.ratings[t] - score(user: rb + row * width, item: ob + j * width, mean: mean, factors: k)
                            sum += e * e * (otherScale?[j] ?? 1)
                        }
                        return sum
                    }
                }
            }
        }
        return parts.flatMap { $0 }
    }

    /// A draw of each number's prior mean and precision given the rows'
    /// current values (Normal-Gamma posterior).
    ///
    /// - Complexity: O(rows × width).
    static func drawPrior(_ rows: [Double], width: Int,
                          generator: inout SeededGenerator) -> (mean: [Double], precision: [Double]) {
        let count = rows.count / width
        var means = [Double](repeating: 0, count: width), precisions = [Double](repeating: 0, count: width)
        for f in 0 ..< width {
            var sum = 0.0
            for r in 0 ..< count { sum += rows[r * width + f] }
            let average = sum / Double(max(1, count))
            var spread = 0.0
            for r in 0 ..< count {
                let d = rows[r * width + f] - average
                spread += d * d
            }
            let n = Double(count), weight = 1 + n
            let shape = 1 + n / 2, rate = 1 + spread / 2 + n * average * average / (2 * weight)
            let precision = generator.gamma(shape: shape, rate: rate)
            precisions[f] = precision
            means[f] = n * average / weight + generator.normal() / (weight * precision).squareRoot()
        }
        return (means, precisions)
    }
}
