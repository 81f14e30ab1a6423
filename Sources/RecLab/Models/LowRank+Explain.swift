extension LowRank: FactorExplaining {
    /// User index `u`'s trained vector (lowrank has no biases).
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) { (userVector(index: u), nil) }

    /// The person's ridge fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        (foldIn(ratings: ratings), nil)
    }

    /// (the movie's mean, when normalised) + u·v, summed in the order of
    /// the model's `predictions`: each factor's product onto the mean.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let vector = row.vector
        let movie = Array(vectors[itemOffset(i) ..< itemOffset(i) + factors])
        var z = itemMeans?[i] ?? 0
        for f in 0 ..< factors { z += vector[f] * movie[f] }
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: nil, itemBias: nil, itemMean: itemMeans?[i], userVector: vector, itemVector: movie,
            dot: FactorExplanation.dot(vector, movie), z: z, output: .identity, score: z,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                Array(vectors[itemOffset($0) ..< itemOffset($0) + factors])
            })
    }

    /// The tutorial calls the vectors' numbers features.
    public var vectorEntryName: String { "feature" }

    /// Ridge regression with the training penalty (never quite 0).
    public var foldInMethod: String {
        "ridge regression, λ = \(FactorExplanation.plain(max(parameters.regularization, Self.minimumFoldInRegularization)))"
    }
}
