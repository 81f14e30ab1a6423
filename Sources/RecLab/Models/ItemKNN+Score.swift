extension ItemKNN {
    /// Scores every candidate movie for a new person from their ratings.
    ///
    /// Each rating is centred by its movie's mean; movies the training data
    /// has never seen are dropped; a later rating of the same movie
    /// overwrites an earlier one. A candidate is scored from the first
    /// `nbrs` of its neighbours (most similar first) that the person rated,
    /// when there are at least `min_nbrs`:
    /// score(i) = μ_i + Σ sim·c_j / Σ |sim|. With exactly one such neighbour
    /// the score is μ_i + c_j itself (LensKit's shortcut; the formula agrees
    /// up to rounding).
    ///
    /// - Complexity: O(items + Σ neighbours of the rated movies), plus for
    ///   each candidate with several rated neighbours a short selection or a
    ///   walk along its row (see `candidateScores`); about 5 ms for 85
    ///   ratings on ml-latest-small.
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        let profile = ItemProfile(ratings: ratings, matrix: matrix, means: parameters.center ? itemMeans : nil)
        return itemScores(profile)
    }

    /// Scores every movie data user `id` has not rated, from their own
    /// training ratings.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: as ``itemScores(ratings:)``.
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        try itemScores(profile(user: id))
    }

    /// The training ratings of data user `id`.
    func profile(user id: Int64) throws(RecLabError) -> ItemProfile {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        return ItemProfile(user: u, matrix: matrix, means: parameters.center ? itemMeans : nil)
    }

    private func itemScores(_ profile: ItemProfile) -> ItemScores {
        let values = candidateScores(profile)
        let scored = values.contains { !$0.isNaN }
        let problem: String?
        if profile.ratingCount == 0 {
            problem = "no ratings given; rate some movies first"
        } else if profile.knownCount == 0 {
            problem = "none of your \(profile.ratingCount) rated movies is in the training ratings"
        } else if profile.knownCount == matrix.itemCount {
            problem = "you have rated every movie in the training ratings"
        } else if !scored {
            problem = "no movie you have not rated has at least \(parameters.minNeighbours) of your rated movies among its "
                + "neighbours (similarity ≥ \(UserKNN.format(parameters.minSimilarity)))"
        } else {
            problem = nil
        }
        return ItemScores(matrix: matrix, values: values, rated: profile.rated, ratingCount: profile.ratingCount,
                          knownCount: profile.knownCount, problem: problem)
    }

    /// LensKit's shortcut for a single neighbour: its centred rating,
    /// sign-flipped for a negative similarity only when `min_sim` < 0
    /// (NumPy's sign, so a zero similarity gives 0).
    func single(centred c: Double, similarity s: Double) -> Double {
        guard parameters.minSimilarity < 0 else { return c }
        return s > 0 ? c : (s < 0 ? -c : 0 * c)
    }
}

extension ItemKNN: UserItemScorer {
    /// Data user `id`'s scores of the movies at item indices `items` only,
    /// each as ``itemScores(user:)`` gives it (NaN for a movie the user
    /// rated or one with too few rated neighbours): each movie's row is
    /// walked for the user's rated movies, as a candidate that walks its row
    /// is scored; one rated neighbour takes LensKit's shortcut.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(the user's ratings + the rows of `items`).
    public func scores(user id: Int64, items: [Int]) throws(RecLabError) -> [Double] {
        let profile = try profile(user: id)
        return items.map { i in
            guard (0 ..< matrix.itemCount).contains(i), !profile.rated[i] else { return .nan }
            var count = 0
            var first = (centred: 0.0, similarity: 0.0)
            for e in neighbourEntries(ofItem: i) where profile.rated[Int(neighbourItems[e])] {
                if count == 0 { first = (profile.centred[Int(neighbourItems[e])], neighbourSimilarities[e]) }
                count += 1
            }
            guard count >= parameters.minNeighbours else { return .nan }
            let score = count == 1 ? single(centred: first.centred, similarity: first.similarity)
                : weightedAverage(ofItem: i, profile: profile, using: min(count, parameters.neighbours))
            return parameters.center ? score + itemMeans[i] : score
        }
    }
}
