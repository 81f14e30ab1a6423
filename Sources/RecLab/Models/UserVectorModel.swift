/// A model that scores a person with one vector against its fixed movie
/// rows (`implicit`, `bpr`): training learns a vector per data user, and a
/// new person's is fitted to the movies they rated (fold-in). Scoring
/// either is the same arithmetic on a vector, so it is written once here.
public protocol UserVectorModel: Recommender {
    /// A new person's vector, fitted to the movies they rated with the
    /// movie rows fixed (each kind's doc says how, and what a rating's
    /// value counts for).
    func foldIn(ratings: [(item: Int64, rating: Double)]) -> [Double]
    /// Data user index `u`'s trained vector.
    func userRow(_ u: Int) -> [Double]
    /// Movie index `i`'s vector in the doubles the model scores with.
    func itemRow(_ i: Int) -> [Double]
    /// Movie index `i`'s bias, added to the dot product, or `nil` when the
    /// kind has none.
    func itemBias(_ i: Int) -> Double?
    /// Every movie's score for a person with `vector`, NaN where `rated`.
    func scores(vector: [Double], rated: [Bool]) -> [Double]
}

extension UserVectorModel {
    /// Folds the person in (``foldIn(ratings:)``) and scores every movie
    /// they have not rated.
    ///
    /// - Complexity: that of ``foldIn(ratings:)`` plus ``scores(vector:rated:)``.
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let vector = foldIn(ratings: ratings)
        return .predicted(for: ratings, in: matrix) { scores(vector: vector, rated: $0) }
    }

    /// Scores every movie data user `id` has not rated from their trained vector.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: that of ``scores(vector:rated:)``.
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try .predicted(forUser: id, in: matrix) { u, rated in scores(vector: userRow(u), rated: rated) }
    }
}

extension UserVectorModel {
    /// No movie bias, unless a kind has one.
    public func itemBias(_ i: Int) -> Double? { nil }

    /// `offsets[i] + vector·rows[i]` (the dot product alone without
    /// offsets) for each of `count` rows of `vector.count` numbers, NaN
    /// where `rated`; the dot product is summed from the first number on.
    ///
    /// - Complexity: O(count × k).
    static func dotScores(vector: [Double], rows: [Double], offsets: [Double]?, count: Int, rated: [Bool]) -> [Double] {
        let k = vector.count
        return rows.withUnsafeBufferPointer { q in
            vector.withUnsafeBufferPointer { x in
                (0 ..< count).map { i -> Double in
                    if rated[i] { return .nan }
                    var dot = 0.0
                    for f in 0 ..< k { dot += x[f] * q[i * k + f] }
                    return offsets.map { $0[i] + dot } ?? dot
                }
            }
        }
    }

    /// User index `u`'s trained vector; no user bias (it could not change
    /// a user's own ranking).
    public func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?) { (userRow(u), nil) }

    /// The person's fold-in (``foldIn(ratings:)``).
    public func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?) {
        (foldIn(ratings: ratings), nil)
    }

    /// The movie's bias (when the kind has one) + u·v, summed as the
    /// model's scores are; no clamp.
    ///
    /// - Complexity: O(factors + r × factors) for r rated movies.
    public func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                            rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation {
        let movie = itemRow(i)
        let dot = FactorExplanation.dot(row.vector, movie)
        let bias = itemBias(i)
        let z = bias.map { $0 + dot } ?? dot
        return FactorExplanation(
            item: matrix.itemIds[i], itemRatingCount: matrix.entries(ofItem: i).count, person: person, globalMean: nil,
            userBias: nil, itemBias: bias, itemMean: nil, userVector: row.vector, itemVector: movie, dot: dot, z: z,
            output: .identity, score: z,
            closestRated: FactorExplanation.closest(to: i, among: rated, count: closest, matrix: matrix) { itemRow($0) })
    }
}
