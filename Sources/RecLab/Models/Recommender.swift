/// A trained model that scores movies for a person: a new person given by
/// their ratings, or a user in the training data.
///
/// Every model kind (`userknn`, `itemknn`, `bias`, `popular`, …) conforms, so
/// the shell's `recommend` and `predict` work the same way for each.
public protocol Recommender: Sendable {
    /// The algorithm's name as typed after `train` (`userknn`).
    static var algorithm: String { get }
    /// Whether its scores are predicted ratings (`popular`'s are counts of
    /// ratings), so errors against held-out ratings mean something.
    static var scoresAreRatings: Bool { get }
    /// Whether its scores are whole counts (`popular`'s numbers of
    /// ratings), to be shown without decimals.
    static var scoresAreCounts: Bool { get }
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
    public static var scoresAreRatings: Bool { true }
    /// Whether this model's scores are predicted ratings.
    public var scoresAreRatings: Bool { Self.scoresAreRatings }
    /// Decimal scores, unless a kind says otherwise.
    public static var scoresAreCounts: Bool { false }
    /// Whether this model's scores are whole counts.
    public var scoresAreCounts: Bool { Self.scoresAreCounts }
}
