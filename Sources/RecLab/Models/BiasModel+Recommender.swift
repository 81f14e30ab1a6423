/// The three terms behind one ``BiasModel`` score.
public struct BiasExplanation: Sendable, Equatable {
    /// The movie id.
    public var item: Int64
    /// μ, the mean of every training rating.
    public var globalMean: Double
    /// b_i, the movie's bias.
    public var itemBias: Double
    /// How many training ratings the movie has.
    public var itemRatingCount: Int
    /// b_u, the person's bias.
    public var userBias: Double
    /// How many of the person's ratings it was computed from (training
    /// ratings for a data user, known movies for a new person).
    public var userRatingCount: Int
    /// Whether the person rated the movie (then it is not a candidate).
    public var ratedByPerson: Bool
    /// μ + b_i + b_u, as recommendations have it.
    public var score: Double
}

extension BiasModel: Recommender {
    /// `bias`.
    public static let algorithm = "bias"

    /// `damping`, or `user_damping` and `item_damping` when they differ.
    public var settings: [(key: String, value: String)] {
        let user = parameters.userDamping, item = parameters.itemDamping
        return user == item ? [("damping", UserKNN.format(user))]
            : [("user_damping", UserKNN.format(user)), ("item_damping", UserKNN.format(item))]
    }

    /// Scores every candidate movie μ + b_i + b_u for a new person, whose b_u
    /// is the mean of r_j − μ − b_j over their rated movies in the training
    /// data (undamped, as LensKit). A later rating of the same movie
    /// overwrites an earlier one.
    ///
    /// With no such movie LensKit scores nothing (the mean of nothing is
    /// NaN); here b_u is 0, as LensKit has it for a user it does not know,
    /// so the movies come out in item-bias order.
    ///
    /// - Complexity: O(items + ratings).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let profile = ItemProfile(ratings: ratings, matrix: matrix, means: nil)
        return scores(profile, userBias: personBias(profile))
    }

    /// Scores every movie data user `id` has not rated with their trained
    /// (damped) bias.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        let (profile, bias) = try dataUser(id)
        return scores(profile, userBias: bias)
    }

    /// The terms of movie `id`'s score for a new person, or `nil` when
    /// nobody in the training data rated the movie.
    public func explain(ratings: [(item: Int64, rating: Double)], item id: Int64) -> BiasExplanation? {
        let profile = ItemProfile(ratings: ratings, matrix: matrix, means: nil)
        return explain(profile, userBias: personBias(profile), item: id)
    }

    /// The terms of movie `id`'s score for data user `user`, or `nil` when
    /// nobody in the training data rated the movie.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    public func explain(user: Int64, item id: Int64) throws(RecLabError) -> BiasExplanation? {
        let (profile, bias) = try dataUser(user)
        return explain(profile, userBias: bias, item: id)
    }

    /// μ + b_i + b_u for data user `user` and movie `item` (the sum
    /// ``itemScores(user:)`` gives, in the same order), or `nil` when either
    /// is not in the training data: `evaluate` asks this per held-out
    /// rating instead of scoring every movie for every user (at 6.8M
    /// held-out ratings, 10 s became well under one).
    ///
    /// - Complexity: O(1).
    public func predict(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        return (globalMean + itemBiases[i]) + userBiases[u]
    }

    /// A new person's b_u: the plain mean of r_j − μ − b_j over their known
    /// movies, 0 when there are none.
    func personBias(_ profile: ItemProfile) -> Double {
        guard !profile.items.isEmpty else { return 0 }
        var sum = 0.0
        for j in profile.items { sum += (profile.ratings[j] - globalMean) - itemBiases[j] }
        return sum / Double(profile.items.count)
    }

    private func dataUser(_ id: Int64) throws(RecLabError) -> (ItemProfile, Double) {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        return (ItemProfile(user: u, matrix: matrix, means: nil), userBiases[u])
    }

    private func scores(_ profile: ItemProfile, userBias: Double) -> ItemScores {
        var values = [Double](repeating: .nan, count: matrix.itemCount)
        for i in values.indices where !profile.rated[i] { values[i] = (globalMean + itemBiases[i]) + userBias }
        return ItemScores(matrix: matrix, values: values, rated: profile.rated, ratingCount: profile.ratingCount,
                          knownCount: profile.knownCount, problem: nil)
    }

    private func explain(_ profile: ItemProfile, userBias: Double, item id: Int64) -> BiasExplanation? {
        guard let i = matrix.itemIndex(of: id) else { return nil }
        return BiasExplanation(item: id, globalMean: globalMean, itemBias: itemBiases[i],
                               itemRatingCount: matrix.entries(ofItem: i).count, userBias: userBias,
                               userRatingCount: profile.knownCount, ratedByPerson: profile.rated[i],
                               score: (globalMean + itemBiases[i]) + userBias)
    }
}
