extension ALSModel: FactorExplaining {
    /// User index `u`'s trained vector and bias (in the doubles it scores with).
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) {
        (Array(users[u * width ..< u * width + factors]), users[u * width + factors])
    }

    /// The person's fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        let (vector, bias) = foldIn(ratings: ratings)
        return (vector, bias)
    }

    /// μ + b_u + b_i + u·v clamped to [low, high], summed in the order of
    /// the model's `predictions`.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let (vector, bias) = (row.vector, row.bias ?? 0)
        let movie = Array(items[i * width ..< i * width + factors])
        let itemBias = items[i * width + factors]
        let dot = FactorExplanation.dot(vector, movie)
        let z = globalMean + bias + itemBias + dot
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: globalMean,
            userBias: bias, itemBias: itemBias, itemMean: nil, userVector: vector, itemVector: movie, dot: dot, z: z,
            output: .clamp(low: low, high: high), score: min(max(z, low), high),
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                Array(items[$0 * width ..< $0 * width + factors])
            })
    }

    /// LensKit calls the vectors' numbers features.
    public var vectorEntryName: String { "feature" }

    /// The solve training makes for a user.
    public var foldInMethod: String {
        parameters.samples > 0 ? "the posterior mean, as the Bayesian sweeps solve a user"
            : "damped mean bias, then ridge regression, as training solves a user"
    }
}
