extension LowRank {
    /// The ridge penalty of fold-in when `reg` is 0: a person with fewer
    /// ratings than features would otherwise have no unique vector.
    public static let minimumFoldInRegularization = 1e-6

    /// A new person's vector from their ratings against the fixed movie
    /// vectors: the minimiser of the training cost's terms for one user,
    /// ½ Σ (x·m_i − t_i)² + (reg / 2)‖x‖² over the rated movies the model
    /// knows (t_i the rating, minus the movie's mean when normalised), which
    /// is the ridge solution (Σ m_i m_iᵀ + reg·I) x = Σ t_i m_i.
    ///
    /// A data user's own ratings give back (at convergence) their trained
    /// vector, since training's optimum satisfies the same equation. Later
    /// ratings of the same movie overwrite earlier ones; movies the model
    /// does not know are ignored; no known ratings give the zero vector.
    ///
    /// - Complexity: O(r × features² + features³) for r ratings.
    public func foldIn(ratings: [(item: Int64, rating: Double)]) -> [Double] {
        var latest: [Int: Double] = [:]
        for pair in ratings {
            if let i = matrix.itemIndex(of: pair.item) { latest[i] = pair.rating }
        }
        let d = factors
        var a = [Double](repeating: 0, count: d * d)
        var y = [Double](repeating: 0, count: d)
        let lambda = max(parameters.regularization, Self.minimumFoldInRegularization)
        for p in 0 ..< d { a[p * d + p] = lambda }
        for (i, r) in latest.sorted(by: { $0.key < $1.key }) {
            let row = itemOffset(i)
            let target = r - (itemMeans?[i] ?? 0)
            for s in 0 ..< d {
                y[s] += vectors[row + s] * target
                for t in 0 ... s { a[s * d + t] += vectors[row + s] * vectors[row + t] }
            }
        }
        return MatrixFactorization.choleskySolve(&a, y, d)
    }

    /// The predicted rating of every movie for a user with `vector`: x·m_i
    /// (plus the movie's mean when normalised); NaN where `rated`.
    ///
    /// - Complexity: O(items × features).
    func predictions(vector: [Double], rated: [Bool]) -> [Double] {
        (0 ..< matrix.itemCount).map { i in
            if rated[i] { return .nan }
            let row = itemOffset(i)
            var z = itemMeans?[i] ?? 0
            for f in 0 ..< factors { z += vector[f] * vectors[row + f] }
            return z
        }
    }
}

extension LowRank: Recommender {
    /// `lowrank`.
    public static let algorithm = "lowrank"

    /// `features`, `reg`, `iters` (trained so far), `seed`, and
    /// `normalize=on` when on, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        var pairs = [("features", String(parameters.features)), ("reg", String(parameters.regularization)),
                     ("iters", String(iterationsTrained)), ("seed", String(parameters.seed))]
        if parameters.normalize { pairs.append(("normalize", "on")) }
        return pairs
    }

    /// Folds the person in (``foldIn(ratings:)``) and predicts every movie
    /// they have not rated.
    ///
    /// - Complexity: O(r × features² + features³ + items × features).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let vector = foldIn(ratings: ratings)
        return .predicted(for: ratings, in: matrix) { predictions(vector: vector, rated: $0) }
    }

    /// Predicts every movie data user `id` has not rated from their trained vector.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items × features).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try .predicted(forUser: id, in: matrix) { u, rated in predictions(vector: userVector(index: u), rated: rated) }
    }
}
