/// Why `ease` gives a person's movie its score: the weight from each kept
/// movie they rated to it, which add up to the score.
public struct EASEExplanation: Sendable, Equatable {
    /// One rated movie's part of the score.
    public struct Contribution: Sendable, Equatable {
        /// The rated movie's id.
        public var item: Int64
        /// B[rated, explained]: what having rated it adds.
        public var weight: Double
    }

    /// The explained movie's id.
    public var item: Int64
    /// The score: the sum of every contribution, added as the model adds them.
    public var score: Double
    /// Every kept movie the person rated, largest weight first (ties by
    /// ascending id).
    public var contributions: [Contribution]
    /// How many of the person's rated movies the model did not keep (too
    /// few ratings, or not in the training data): they add nothing.
    public var notKept: Int
}

extension EASE {
    /// The explanation of movie `item`'s score for a new person, or `nil`
    /// when the model did not keep the movie or the person rated it.
    ///
    /// - Complexity: O(ratings + |rated kept| × kept).
    public func explain(ratings: [(item: Int64, rating: Double)], item: Int64) -> EASEExplanation? {
        let scores = itemScores(ratings: ratings)
        let rated = Set(ratings.map(\.item))
        return explanation(item: item, scores: scores, notKept: rated.count - keptPositions(scores.rated).count)
    }

    /// The same for data user `id`.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(|rated kept| × kept).
    public func explain(user id: Int64, item: Int64) throws(RecLabError) -> EASEExplanation? {
        let scores = try itemScores(user: id)
        return explanation(item: item, scores: scores, notKept: scores.ratingCount - keptPositions(scores.rated).count)
    }

    private func explanation(item: Int64, scores: ItemScores, notKept: Int) -> EASEExplanation? {
        guard let score = scores.score(ofItem: item), let i = matrix.itemIndex(of: item) else { return nil }
        let b = Int(position[i]), n = kept.count
        var parts = keptPositions(scores.rated).map { a in
            EASEExplanation.Contribution(item: matrix.itemIds[Int(kept[a])], weight: Double(weights[a * n + b]))
        }
        parts.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.item < $1.item }
        return EASEExplanation(item: item, score: score, contributions: parts, notKept: notKept)
    }
}
