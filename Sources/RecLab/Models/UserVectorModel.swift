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
