extension LowRank: FactorExplaining {
    /// The terms of movie `item`'s score for data user `user`, from the
    /// user's trained vector; `nil` when nobody in the training data rated
    /// the movie (it has no vector). `closest` rated movies are listed by
    /// cosine of their vectors.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(r × features) for the user's r ratings.
    public func explain(user: Int64, item: Int64, closest: Int = 3) throws(RecLabError) -> FactorExplanation? {
        guard let u = matrix.userIndex(of: user) else {
            throw RecLabError("user \(user) is not in the training ratings", subject: String(user))
        }
        return explain(vector: userVector(index: u), item: item, person: .trained(user: user),
                       rated: FactorExplanation.trainingRatings(ofUser: u, in: matrix), closest: closest)
    }

    /// The terms of movie `item`'s score for a new person, folded in from
    /// their ratings as ``itemScores(ratings:)`` does; `nil` when the movie
    /// has no vector.
    ///
    /// - Complexity: O(r × features² + features³) for r ratings.
    public func explain(ratings: [(item: Int64, rating: Double)], item: Int64, closest: Int = 3) -> FactorExplanation? {
        guard matrix.itemIndex(of: item) != nil else { return nil }
        let known = FactorExplanation.knownRatings(ratings, in: matrix)
        return explain(vector: foldIn(ratings: ratings), item: item, person: .foldedIn(knownRatings: known.count),
                       rated: known, closest: closest)
    }

    /// (the movie's mean, when normalised) + u·v, summed in the order of
    /// the model's `predictions`: each factor's product onto the mean.
    private func explain(vector: [Double], item: Int64, person: FactorExplanation.PersonVector,
                         rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation? {
        guard let i = matrix.itemIndex(of: item) else { return nil }
        let movie = Array(vectors[itemOffset(i) ..< itemOffset(i) + factors])
        var z = itemMeans?[i] ?? 0
        for f in 0 ..< factors { z += vector[f] * movie[f] }
        return FactorExplanation(
            item: item, itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: nil, itemBias: nil, itemMean: itemMeans?[i], userVector: vector, itemVector: movie,
            dot: FactorExplanation.dot(vector, movie), z: z, output: .identity, score: z,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                Array(vectors[itemOffset($0) ..< itemOffset($0) + factors])
            })
    }
}
