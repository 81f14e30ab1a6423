extension ALSModel {
    /// Trains on `matrix`: damped biases, small random vectors, `iters`
    /// least-squares iterations (users, then movies), then, with `samples`
    /// > 0, `burn` + `samples` Gibbs sweeps of which the last `samples` are
    /// averaged.
    ///
    /// The same seed gives the same model, whatever the number of cores.
    ///
    /// `cancel` is told as each of the `iters + burn + samples` sweeps ends
    /// (stage `als`, detail `sweep 3 of 163`).
    ///
    /// - Throws: ``RecLabError`` for settings out of range, a matrix with no
    ///   ratings, or cancellation (polled between half-sweeps).
    /// - Complexity: O((iters + burn + samples) × (r k² + (users + items) k³))
    ///   for r ratings and k features, spread over the cores.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> ALSModel {
        try parameters.validate()
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        let bias = try BiasModel.train(matrix, parameters: BiasModel.Parameters(damping: parameters.damping), cancel: cancel)
        let k = parameters.features, width = k + 1, mean = bias.globalMean
        var users = initialRows(count: matrix.userCount, width: width, biases: bias.userBiases, seed: mix(parameters.seed, 1))
        var items = initialRows(count: matrix.itemCount, width: width, biases: bias.itemBiases, seed: mix(parameters.seed, 2))
        let (userSide, itemSide) = (ALSSide.users(matrix), ALSSide.items(matrix))

        let ridge = ALSSolve.ridge(regularization: parameters.regularization)
        let sweeps = parameters.iterations + (parameters.samples > 0 ? parameters.burnIn + parameters.samples : 0)
        // One stage for the whole run (its clock counts from the start), the
        // sweep as the detail: at 33.8M ratings the defaults take minutes.
        func report(_ done: Int) {
            cancel.report("als", fraction: Double(done) / Double(max(1, sweeps)), detail: "sweep \(done) of \(sweeps)")
        }
        for iteration in 0 ..< parameters.iterations {
            try cancel.check()
            halfSweep(userSide, rows: &users, other: items, width: width, mean: mean, solve: ridge, seed: 0)
            try cancel.check()
            halfSweep(itemSide, rows: &items, other: users, width: width, mean: mean, solve: ridge, seed: 0)
            report(iteration + 1)
        }
        var prior = ALSFoldInPrior(kind: .ridge(regularization: parameters.regularization, damping: parameters.damping))
        if parameters.samples > 0 {
            (users, items, prior) = try sample(matrix, users: users, items: items, width: width, mean: mean,
                                               parameters: parameters, cancel: cancel) { done in
                report(parameters.iterations + done)
            }
        }
        let rmse = trainingError(userSide, users: users, items: items, width: width, mean: mean).squareRoot()
        let low = matrix.userRatings.min() ?? 0, high = matrix.userRatings.max() ?? 0
        return ALSModel(parameters: parameters, matrix: matrix, globalMean: mean, users: users, items: items,
                        foldInPrior: prior, trainingRMSE: rmse, low: low, high: high)
    }

    /// `count` rows of `width`: a vector of normal draws × 0.1, then the bias.
    static func initialRows(count: Int, width: Int, biases: [Double], seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var rows = [Double](repeating: 0, count: count * width)
        for r in 0 ..< count {
            for f in 0 ..< width - 1 { rows[r * width + f] = 0.1 * generator.normal() }
            rows[r * width + width - 1] = biases[r]
        }
        return rows
    }

    /// The mean squared error of the rows' predictions on the training
    /// ratings; each user's sum is taken on its own and the sums added in
    /// user order, so the result does not depend on the number of cores.
    ///
    /// - Complexity: O(r × k).
    static func trainingError(_ side: ALSSide, users: [Double], items: [Double], width: Int, mean: Double) -> Double {
        let perUser = squaredErrors(side, rows: users, other: items, otherScale: nil, width: width, mean: mean)
        return perUser.reduce(0, +) / Double(max(1, side.ratings.count))
    }
}
