/// What ``UserKNN`` predicts for one person: a score for each candidate movie
/// that had enough neighbours, plus what is needed to explain any of them.
public struct UserKNNScores: Sendable {
    /// Why nothing could be scored.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The person gave no ratings.
        case noRatings
        /// Every rating is the same, so the centred profile is all zeros and
        /// no similarity is defined.
        case allRatingsEqual
        /// Without centring, every rating is 0.
        case allRatingsZero

        /// One line for the user.
        public var description: String {
            switch self {
            case .noRatings: return "no ratings given; rate some movies first"
            case .allRatingsEqual: return "all your ratings are equal; rate some movies higher or lower"
            case .allRatingsZero: return "all your ratings are 0; rate some movies above 0"
            }
        }
    }

    /// A movie and its predicted score.
    public struct ScoredItem: Sendable, Equatable {
        /// The movie id.
        public var item: Int64
        /// The predicted rating (not clamped to the rating scale).
        public var score: Double
    }

    /// The model that produced the scores.
    public let model: UserKNN
    /// The person's mean rating μ (over all their ratings).
    public let mean: Double
    /// sim(v) per user index of the model's matrix.
    public let similarities: [Double]
    /// The score per item index; NaN for an item rated by the person or with
    /// too few neighbours.
    let scores: [Double]
    /// Whether the person rated each item index.
    let rated: [Bool]
    /// How many distinct movies the person rated.
    public let ratingCount: Int
    /// How many of those are in the training data.
    public let knownCount: Int
    /// Why nothing was scored, or `nil`.
    public let problem: Problem?

    /// The number of candidate movies (training items the person has not
    /// rated).
    public var candidateCount: Int { model.matrix.itemCount - knownCount }

    /// The number of movies that received a score.
    public var scoredCount: Int { scores.reduce(0) { $1.isNaN ? $0 : $0 + 1 } }

    /// The score of movie `id`, or `nil` when it is not a candidate or had
    /// too few neighbours.
    public func score(ofItem id: Int64) -> Double? {
        guard let i = model.matrix.itemIndex(of: id), !scores[i].isNaN else { return nil }
        return scores[i]
    }

    /// The similarity of data user `id` to the person, or `nil` for an
    /// unknown user.
    public func similarity(ofUser id: Int64) -> Double? {
        model.matrix.userIndex(of: id).map { similarities[$0] }
    }

    /// Every scored movie, in ascending movie id.
    public var scoredItems: [ScoredItem] {
        scores.indices.compactMap { i in scores[i].isNaN ? nil : ScoredItem(item: model.matrix.itemIds[i], score: scores[i]) }
    }

    /// The `n` best movies: score descending, exact ties by ascending id.
    ///
    /// - Complexity: O(items + s log s) for s scored movies.
    public func recommend(_ n: Int) -> [ScoredItem] {
        guard n > 0 else { return [] }
        // Item indices ascend with ids, so a stable order by score keeps ties
        // in id order; comparing the index breaks ties explicitly instead.
        var order = scores.indices.filter { !scores[$0].isNaN }
        order.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return order.prefix(n).map { ScoredItem(item: model.matrix.itemIds[$0], score: scores[$0]) }
    }
}
