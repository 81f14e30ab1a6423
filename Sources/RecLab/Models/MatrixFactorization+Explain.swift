import Foundation

// Reads the model only through its public accessors (vectors, biases,
// fold-in, low and high), so the explanation does not depend on how the
// rows are laid out in memory.
extension MatrixFactorization: FactorExplaining {
    /// User index `u`'s trained vector and bias.
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) {
        (userVector(index: u).map(Double.init), userBias(index: u))
    }

    /// The person's ridge fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        let (vector, bias) = foldIn(ratings: ratings)
        return (vector, bias)
    }

    /// sigmoid_range(b_u + b_i + u·v), the score as ``logit(vector:bias:item:)``
    /// computes it (u·v + b_i in `Float` lanes, then b_u), so it is the
    /// recommended score to the bit; the terms shown are the exact ones.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let (vector, bias) = (row.vector, row.bias ?? 0)
        let movie = itemVector(index: i).map(Double.init)
        let itemBias = itemBiases[i]
        let z = logit(vector: vector, bias: bias, item: i)
        let score = squash(z)
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: bias, itemBias: itemBias, itemMean: nil, userVector: vector, itemVector: movie,
            dot: FactorExplanation.dot(vector, movie), z: z, output: .sigmoidRange(low: low, high: high),
            score: score,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) {
                itemVector(index: $0).map(Double.init)
            })
    }

    /// fast.ai calls the vectors' numbers factors.
    public var vectorEntryName: String { "factor" }

    /// Ridge regression on the logits of the ratings.
    public var foldInMethod: String {
        "ridge regression on the ratings' logits, λ = \(FactorExplanation.plain(Self.foldInRegularization))"
    }
}
