extension ImplicitMF: FactorExplaining {
    /// User index `u`'s trained vector (`implicit` has no biases).
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) { (userRow(u), nil) }

    /// The person's fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        (foldIn(ratings: ratings), nil)
    }

    /// u·v alone, summed as the model's scores are; no offset, no clamp.
    ///
    /// - Complexity: O(factors + r × factors) for r rated movies.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let movie = itemRow(i)
        let dot = FactorExplanation.dot(row.vector, movie)
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: nil, itemBias: nil, itemMean: nil, userVector: row.vector, itemVector: movie, dot: dot, z: dot,
            output: .identity, score: dot,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) { itemRow($0) })
    }

    /// LensKit calls the vectors' numbers features.
    public var vectorEntryName: String { "feature" }

    /// One exact solve with the movie vectors fixed, rating values ignored.
    public var foldInMethod: String {
        "one weighted least-squares solve, as training solves a user; which movies were rated counts, not the ratings"
    }
}
