extension BPRModel: FactorExplaining {
    /// User index `u`'s trained vector (`bpr` has no user bias).
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) { (userRow(u), nil) }

    /// The person's fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        (foldIn(ratings: ratings), nil)
    }

    /// b_i + u·v, summed as the model's scores are; no clamp.
    ///
    /// - Complexity: O(factors + r × factors) for r rated movies.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let movie = itemRow(i)
        let dot = FactorExplanation.dot(row.vector, movie)
        let z = itemBiases[i] + dot
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: nil, itemBias: itemBiases[i], itemMean: nil, userVector: row.vector, itemVector: movie, dot: dot,
            z: z, output: .identity, score: z,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) { itemRow($0) })
    }

    /// Rendle et al. call the vectors' numbers factors.
    public var vectorEntryName: String { "factor" }

    /// Training's gradient steps on the person's vector alone.
    public var foldInMethod: String {
        "\(parameters.epochs) gradient steps per rated movie on rated-versus-unrated pairs, as in training"
    }
}
