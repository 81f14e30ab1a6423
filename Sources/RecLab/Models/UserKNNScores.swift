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

    /// The model that produced the scores.
    public let model: UserKNN
    /// The person's mean rating μ (over all their ratings).
    public let mean: Double
    /// sim(v) per user index of the model's matrix.
    public let similarities: [Double]
    /// The score of each candidate movie, shared with every other model kind.
    public let items: ItemScores
    /// Why nothing was scored, or `nil`.
    public let problem: Problem?

    init(model: UserKNN, mean: Double, similarities: [Double], scores: [Double], rated: [Bool],
         ratingCount: Int, knownCount: Int, problem: Problem?) {
        self.model = model
        self.mean = mean
        self.similarities = similarities
        self.problem = problem
        items = ItemScores(matrix: model.matrix, values: scores, rated: rated, ratingCount: ratingCount,
                           knownCount: knownCount, problem: problem?.description)
    }

    /// How many distinct movies the person rated.
    public var ratingCount: Int { items.ratingCount }
    /// How many of those are in the training data.
    public var knownCount: Int { items.knownCount }
    /// The number of candidate movies (training items the person has not
    /// rated).
    public var candidateCount: Int { items.candidateCount }
    /// The number of movies that received a score.
    public var scoredCount: Int { items.scoredCount }

    /// The score of movie `id`, or `nil` when it is not a candidate or had
    /// too few neighbours.
    public func score(ofItem id: Int64) -> Double? { items.score(ofItem: id) }

    /// The similarity of data user `id` to the person, or `nil` for an
    /// unknown user.
    public func similarity(ofUser id: Int64) -> Double? {
        model.matrix.userIndex(of: id).map { similarities[$0] }
    }

    /// Every scored movie, in ascending movie id.
    public var scoredItems: [ScoredItem] {
        items.values.indices.compactMap { i in
            items.values[i].isNaN ? nil : ScoredItem(item: model.matrix.itemIds[i], score: items.values[i])
        }
    }

    /// The `n` best movies: score descending, exact ties by ascending id.
    ///
    /// - Complexity: O(items + s log n) for s scored movies.
    public func recommend(_ n: Int) -> [ScoredItem] { items.recommend(n) }
}
