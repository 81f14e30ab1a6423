import Foundation

// Reads the model only through its public accessors (vectors, biases,
// fold-in, low and high), so the explanation does not depend on how the
// rows are laid out in memory.
extension MatrixFactorization: FactorExplaining {
    /// The terms of movie `item`'s score for data user `user`, from the
    /// user's trained vector and bias; `nil` when nobody in the training
    /// data rated the movie (it has no vector). `closest` rated movies are
    /// listed by cosine of their vectors.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items + r × factors) for the user's r ratings.
    public func explain(user: Int64, item: Int64, closest: Int = 3) throws(RecLabError) -> FactorExplanation? {
        guard let u = matrix.userIndex(of: user) else {
            throw RecLabError("user \(user) is not in the training ratings", subject: String(user))
        }
        return explain(vector: userVector(index: u).map(Double.init), bias: userBias(index: u), item: item,
                       person: .trained(user: user),
                       rated: FactorExplanation.trainingRatings(ofUser: u, in: matrix), closest: closest)
    }

    /// The terms of movie `item`'s score for a new person, folded in from
    /// their ratings as ``itemScores(ratings:)`` does; `nil` when the movie
    /// has no vector.
    ///
    /// - Complexity: O(r × factors² + factors³ + items) for r ratings.
    public func explain(ratings: [(item: Int64, rating: Double)], item: Int64, closest: Int = 3) -> FactorExplanation? {
        guard matrix.itemIndex(of: item) != nil else { return nil }
        let known = FactorExplanation.knownRatings(ratings, in: matrix)
        let (vector, bias) = foldIn(ratings: ratings)
        return explain(vector: vector, bias: bias, item: item, person: .foldedIn(knownRatings: known.count),
                       rated: known, closest: closest)
    }

    /// sigmoid_range(b_u + b_i + u·v), the score as ``logit(vector:bias:item:)``
    /// computes it (u·v + b_i in `Float` lanes, then b_u), so it is the
    /// recommended score to the bit; the terms shown are the exact ones.
    private func explain(vector: [Double], bias: Double, item: Int64, person: FactorExplanation.PersonVector,
                         rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation? {
        guard let i = matrix.itemIndex(of: item) else { return nil }
        let movie = itemVector(index: i).map(Double.init)
        let itemBias = itemBiases[i]
        let z = logit(vector: vector, bias: bias, item: i)
        let score = squash(z)
        return FactorExplanation(
            item: item, itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: bias, itemBias: itemBias, itemMean: nil, userVector: vector, itemVector: movie,
            dot: FactorExplanation.dot(vector, movie), z: z, output: .sigmoidRange(low: low, high: high),
            score: score,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                itemVector(index: $0).map(Double.init)
            })
    }
}
