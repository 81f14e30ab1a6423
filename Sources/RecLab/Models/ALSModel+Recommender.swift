extension ALSModel {
    /// A new person's vector and bias from their ratings against the fixed
    /// movie rows, solved as training solved a user: for the least-squares
    /// fit, the damped mean of r − μ − b_i as the bias, then the ridge
    /// regression of what is left with penalty `reg × n`; for the Bayesian
    /// average, the posterior mean of vector and bias together under the
    /// averaged prior and noise level.
    ///
    /// Later ratings of the same movie overwrite earlier ones; movies the
    /// model does not know are ignored. With none known the vector is 0
    /// and the bias 0 (least squares) or the prior's mean (Bayesian).
    ///
    /// - Complexity: O(r × k² + k³) for r ratings and k features.
    public func foldIn(ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double) {
        var latest: [Int: Double] = [:]
        for pair in ratings {
            if let i = matrix.itemIndex(of: pair.item) { latest[i] = pair.rating }
        }
        let known = latest.sorted { $0.key < $1.key }
        let k = factors
        // The person as one row of a one-user side, solved by the training kernel.
        let side = ALSSide(count: 1, offsets: [0, known.count], others: known.map { Int32($0.key) },
                           ratings: known.map(\.value))
        var row = [Double](repeating: 0, count: width)
        let solve: ALSSolve
        var solves = !known.isEmpty, scales: (own: [Double], other: [Double])?
        switch foldInPrior.kind {
        case .ridge(let regularization, let damping):
            var residual = 0.0
            for (i, r) in known { residual += r - globalMean - items[i * width + k] }
            row[k] = known.isEmpty ? 0 : residual / (Double(known.count) + damping)
            solve = .ridge(regularization: regularization)
        case .bayesian(let mean, let precision, let noise, let itemScales):
            solve = .posterior(noise: noise, mean: mean, precision: precision, draw: false)
            // A newcomer's own noise scale is unknown: its prior mean, 1.
            if !itemScales.isEmpty { scales = ([1], itemScales) }
            solves = true  // with no ratings, the prior's mean
        }
        if solves {
            ALSModel.halfSweep(side, rows: &row, other: items, width: width, mean: globalMean, solve: solve, seed: 0,
                               scales: scales)
        }
        return (Array(row[0 ..< k]), row[k])
    }

    /// μ + b + b_i + x·q_i for every movie, NaN where `rated`.
    ///
    /// - Complexity: O(items × k).
    func predictions(vector: [Double], bias: Double, rated: [Bool]) -> [Double] {
        let k = factors, width = self.width
        return items.withUnsafeBufferPointer { q in
            vector.withUnsafeBufferPointer { x in
                (0 ..< matrix.itemCount).map { i -> Double in
                    if rated[i] { return .nan }
                    let row = i * width
                    var dot = 0.0
                    for f in 0 ..< k { dot += x[f] * q[row + f] }
                    return min(max(globalMean + bias + q[row + k] + dot, low), high)
                }
            }
        }
    }
}

extension ALSModel: Recommender {
    /// `als`.
    public static let algorithm = "als"

    /// `features`, `reg`, `iters`, `damping`, `samples`, `burn`, `nu` and
    /// `seed`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("features", String(parameters.features)), ("reg", UserKNN.format(parameters.regularization)),
         ("iters", String(parameters.iterations)), ("damping", UserKNN.format(parameters.damping)),
         ("samples", String(parameters.samples)), ("burn", String(parameters.burnIn)),
         ("nu", UserKNN.format(parameters.robustness)), ("seed", String(parameters.seed))]
    }

    /// Folds the person in (``foldIn(ratings:)``) and predicts every movie
    /// they have not rated.
    ///
    /// - Complexity: O(r × k² + k³ + items × k).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let (vector, bias) = foldIn(ratings: ratings)
        return .predicted(for: ratings, in: matrix) { predictions(vector: vector, bias: bias, rated: $0) }
    }

    /// Predicts every movie data user `id` has not rated from their trained
    /// vector and bias.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items × k).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try .predicted(forUser: id, in: matrix) { u, rated in
            predictions(vector: Array(users[u * width ..< u * width + factors]), bias: users[u * width + factors],
                        rated: rated)
        }
    }
}
