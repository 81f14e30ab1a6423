/// The most-popular-movies recommender, LensKit 0.14.4's `Popular`: a
/// movie's score is its number of training ratings, the same for everyone;
/// a person's rated movies are left out. Exact ties go by ascending movie
/// id (pandas' `nlargest` keeps the first of equals, in id order).
public struct PopularModel: Sendable {
    /// The training ratings.
    public let matrix: RatingMatrix
    /// The number of ratings per item index.
    public let ratingCounts: [Int]

    /// Counts each movie's ratings.
    ///
    /// - Complexity: O(items).
    public static func train(_ matrix: RatingMatrix) -> PopularModel {
        let counts = (0 ..< matrix.itemCount).map { matrix.entries(ofItem: $0).count }
        return PopularModel(matrix: matrix, ratingCounts: counts)
    }

    /// The number of ratings of movie `id`, or `nil` when nobody rated it.
    public func ratingCount(of id: Int64) -> Int? { matrix.itemIndex(of: id).map { ratingCounts[$0] } }
}

extension PopularModel: Recommender {
    /// `popular`.
    public static let algorithm = "popular"
    /// Counts of ratings, not predicted ratings.
    public static let scoresAreRatings = false
    /// Numbers of ratings: whole numbers.
    public static let scoresAreCounts = true

    /// None: there is nothing to set.
    public var settings: [(key: String, value: String)] { [] }

    /// Every movie the person has not rated, scored by its rating count.
    ///
    /// - Complexity: O(items + ratings).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        scores(ItemProfile(ratings: ratings, matrix: matrix, means: nil))
    }

    /// Every movie data user `id` has not rated, scored by its rating count.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        return scores(ItemProfile(user: u, matrix: matrix, means: nil))
    }

    private func scores(_ profile: ItemProfile) -> ItemScores {
        var values = [Double](repeating: .nan, count: matrix.itemCount)
        for i in values.indices where !profile.rated[i] { values[i] = Double(ratingCounts[i]) }
        return ItemScores(matrix: matrix, values: values, rated: profile.rated, ratingCount: profile.ratingCount,
                          knownCount: profile.knownCount, problem: nil)
    }
}
