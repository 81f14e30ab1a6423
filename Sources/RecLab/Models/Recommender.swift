/// A trained model that scores movies for a person: a new person given by
/// their ratings, or a user in the training data.
///
/// Every model kind (`userknn`, `itemknn`, `bias`, `popular`, …) conforms, so
/// the shell's `recommend` and `predict` work the same way for each.
public protocol Recommender: Sendable {
    /// The algorithm's name as typed after `train` (`userknn`).
    static var algorithm: String { get }
    /// What its scores are: predicted ratings (so errors against held-out
    /// ratings mean something), counts of ratings (`popular`), or numbers
    /// that only rank movies (`ease`).
    static var scoreScale: ScoreScale { get }
    /// The ratings the model was trained on.
    var matrix: RatingMatrix { get }
    /// The settings as `key=value` pairs in the form `train` accepts, for
    /// listings.
    var settings: [(key: String, value: String)] { get }
    /// Scores every candidate movie for a new person from their ratings
    /// (a later rating of the same movie overwrites an earlier one).
    func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores
    /// Scores every movie data user `id` has not rated.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    func itemScores(user id: Int64) throws(RecLabError) -> ItemScores
}

extension Recommender {
    /// The algorithm's name.
    public var algorithm: String { Self.algorithm }
    /// Predicted ratings, unless a kind says otherwise.
    public static var scoreScale: ScoreScale { .ratings }
    /// What this model's scores are.
    public var scoreScale: ScoreScale { Self.scoreScale }
    /// Whether this model's scores are predicted ratings.
    public var scoresAreRatings: Bool { Self.scoreScale == .ratings }
}

/// What a model's scores are, which decides how they are shown and judged.
public enum ScoreScale: Sendable, Equatable {
    /// Predicted ratings, on the training ratings' scale: RMSE means something.
    case ratings
    /// Whole numbers of ratings (`popular`), shown without decimals.
    case counts
    /// Numbers that only order movies (`ease`, `implicit`): judged by lists.
    case ranking
}
