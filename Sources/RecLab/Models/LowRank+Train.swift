import Foundation

extension LowRank {
    /// Trains a model on `matrix`: every user and movie vector starts as
    /// independent standard normal draws (as the tutorial's `np.random.randn`,
    /// from this library's seeded generator: users in index order, then
    /// movies), then ``fit(iterations:cancel:)`` runs up to `iterations`
    /// iterations of the optimiser.
    ///
    /// - Throws: ``RecLabError`` naming the key of a bad setting, when there
    ///   are no ratings, when the vectors would not fit in half the
    ///   machine's memory (``workingBytes(rows:parameters:)``), or
    ///   ``RecLabError/cancelled`` on Ctrl-C.
    /// - Complexity: O(evaluations × ratings × features), about 1.05
    ///   evaluations per iteration for L-BFGS, 1.6 for conjugate gradient.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> LowRank {
        try parameters.validate()
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        let rows = matrix.userCount + matrix.itemCount
        let needed = workingBytes(rows: rows, parameters: parameters)
        guard needed <= memoryLimit else {
            throw RecLabError("features=\(parameters.features) needs about \((needed / 1e9).formatted(fractionDigits: 1)) GB "
                              + "for \(rows) users and movies, more than half this machine's memory; use fewer features",
                              subject: "features")
        }
        let itemMeans: [Double]? = parameters.normalize
            ? (0 ..< matrix.itemCount).map { i in
                let entries = matrix.entries(ofItem: i)
                return matrix.itemRatings[entries].reduce(0, +) / Double(entries.count)
            }
            : nil
        var generator = SeededGenerator(seed: parameters.seed)
        let (k, width) = (parameters.features, LowRank.width(features: parameters.features))
        var vectors = [Double](repeating: 0, count: (matrix.userCount + matrix.itemCount) * width)
        for row in 0 ..< matrix.userCount + matrix.itemCount {
            for f in 0 ..< k { vectors[row * width + f] = generator.standardNormal() }
        }
        let start = LowRank(parameters: parameters, matrix: matrix, itemMeans: itemMeans, vectors: vectors,
                            iterationsTrained: 0,
                            report: Report(iterations: 0, evaluations: 0, cost: .nan, trainingRMSE: .nan,
                                           gradientNorm: .nan, stop: .iterationLimit))
        return try start.fit(iterations: parameters.iterations, cancel: cancel)
    }

    /// The bytes training holds for vectors: the model's, and the
    /// optimiser's point, gradient, trial point, trial gradient and
    /// direction, plus two per L-BFGS pair, each (users + movies) × width.
    static func workingBytes(rows: Int, parameters: Parameters) -> Double {
        let pairs = parameters.method == .lbfgs ? LowRankMinimizer.Options().memory : 0
        return Double(rows) * Double(width(features: parameters.features)) * Double(MemoryLayout<Double>.stride)
            * Double(6 + 2 * pairs)
    }

    /// The most ``workingBytes(rows:parameters:)`` `train` accepts: half the
    /// physical memory, so that a typo like `features=1000` on a large set is
    /// an error rather than the system killing the shell.
    static var memoryLimit: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// Continues optimising for at most `iterations` more iterations from the
    /// current vectors. The optimiser starts afresh (conjugate gradient from
    /// steepest descent, L-BFGS with no history), so `train` with 200
    /// iterations then `fit` 300 ends near, not exactly at, `train` with 500.
    /// With 0 iterations it only measures the cost and training RMSE.
    ///
    /// Ctrl-C leaves this model as it was (the shell keeps the old one).
    ///
    /// - Throws: ``RecLabError`` when `iterations` is negative, or
    ///   ``RecLabError/cancelled`` on Ctrl-C.
    /// - Complexity: O(evaluations × ratings × features).
    public func fit(iterations: Int, cancel: Cancellation = .never) throws(RecLabError) -> LowRank {
        guard iterations >= 0 else {
            throw RecLabError("iterations must be 0 or more (got \(iterations))", subject: "iters")
        }
        let cost = LowRankCost(matrix: matrix, width: width, regularization: parameters.regularization,
                               itemMeans: itemMeans)
        let minimizer = LowRankMinimizer(
            objective: LowRankMinimizer.Objective(dimension: cost.dimension, evaluate: cost.evaluate),
            options: LowRankMinimizer.Options(method: parameters.method, maxIterations: iterations,
                                              gradientTolerance: parameters.gradientTolerance,
                                              costTolerance: parameters.costTolerance))
        var model = self
        let result = try minimizer.minimize(&model.vectors, cancel: cancel)
        let rmse = (cost.squaredError(model.vectors) / Double(matrix.ratingCount)).squareRoot()
        model.iterationsTrained += result.iterations
        model.report = Report(iterations: result.iterations, evaluations: result.evaluations, cost: result.value,
                              trainingRMSE: rmse, gradientNorm: result.gradientNorm, stop: result.stop)
        return model
    }
}

extension SeededGenerator {
    /// A standard normal draw by Box–Muller (one per call, the sine half
    /// discarded, so each draw depends only on the generator's position).
    mutating func standardNormal() -> Double {
        let u1 = 1 - nextUnit(), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
