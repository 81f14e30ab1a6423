extension ALSModel: FactorExplaining {
    /// The terms of movie `item`'s score for data user `user`, from the
    /// user's trained vector and bias; `nil` when nobody in the training
    /// data rated the movie (it has no vector). `closest` rated movies are
    /// listed by cosine of their vectors.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(r × factors) for the user's r ratings.
    public func explain(user: Int64, item: Int64, closest: Int = 3) throws(RecLabError) -> FactorExplanation? {
        guard let u = matrix.userIndex(of: user) else {
            throw RecLabError("user \(user) is not in the training ratings", subject: String(user))
        }
        return explain(vector: Array(users[u * width ..< u * width + factors]), bias: users[u * width + factors],
                       item: item, person: .trained(user: user),
                       rated: FactorExplanation.trainingRatings(ofUser: u, in: matrix), closest: closest)
    }

    /// The terms of movie `item`'s score for a new person, folded in from
    /// their ratings as ``itemScores(ratings:)`` does; `nil` when the movie
    /// has no vector.
    ///
    /// - Complexity: O(r × k² + k³) for r ratings and k features.
    public func explain(ratings: [(item: Int64, rating: Double)], item: Int64, closest: Int = 3) -> FactorExplanation? {
        guard matrix.itemIndex(of: item) != nil else { return nil }
        let known = FactorExplanation.knownRatings(ratings, in: matrix)
        let (vector, bias) = foldIn(ratings: ratings)
        return explain(vector: vector, bias: bias, item: item, person: .foldedIn(knownRatings: known.count),
                       rated: known, closest: closest)
    }

    /// μ + b_u + b_i + u·v clamped to [low, high], summed in the order of
    /// the model's `predictions`.
    private func explain(vector: [Double], bias: Double, item: Int64, person: FactorExplanation.PersonVector,
                         rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation? {
        guard let i = matrix.itemIndex(of: item) else { return nil }
        let movie = Array(items[i * width ..< i * width + factors])
        let itemBias = items[i * width + factors]
        let dot = FactorExplanation.dot(vector, movie)
        let z = globalMean + bias + itemBias + dot
        return FactorExplanation(
            item: item, itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: globalMean,
            userBias: bias, itemBias: itemBias, itemMean: nil, userVector: vector, itemVector: movie, dot: dot, z: z,
            output: .clamp(low: low, high: high), score: min(max(z, low), high),
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                Array(items[$0 * width ..< $0 * width + factors])
            })
    }
}
