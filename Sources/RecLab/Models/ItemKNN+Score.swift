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
    /// - Complexity: O(items + Σ neighbours of the rated movies × log
    ///   neighbours per item).
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
        let values = scores(profile)
        let scored = values.contains { !$0.isNaN }
        let problem: String?
        if profile.ratingCount == 0 {
            problem = "no ratings given; rate some movies first"
        } else if profile.knownCount == 0 {
            problem = "none of your \(profile.ratingCount) rated movies is in the training ratings"
        } else if !scored {
            problem = "no movie you have not rated has at least \(parameters.minNeighbours) of your rated movies among its "
                + "neighbours (similarity ≥ \(UserKNN.format(parameters.minSimilarity)))"
        } else {
            problem = nil
        }
        return ItemScores(matrix: matrix, values: values, rated: profile.rated, ratingCount: profile.ratingCount,
                          knownCount: profile.knownCount, problem: problem)
    }

    /// The score per item index (NaN when rated or not scored).
    ///
    /// First, from the person's side, how many rated neighbours each
    /// candidate has (row j lists every i with sim(i, j) kept, as the
    /// similarities are symmetric): candidates with none are skipped and
    /// those with one take LensKit's shortcut without walking their row.
    /// The others walk their own row, most similar first, and stop once
    /// they hold `nbrs` rated neighbours or all they have — a heavy rater's
    /// candidates stop within a few dozen entries.
    ///
    /// - Complexity: O(items + Σ neighbours of the rated movies + Σ over
    ///   candidates with two or more rated neighbours of the row prefix
    ///   walked), the walks spread over all cores.
    private func scores(_ profile: ItemProfile) -> [Double] {
        let n = matrix.itemCount
        var counts = [Int32](repeating: 0, count: n)
        var last = [Int32](repeating: 0, count: n)
        var lastSimilarity = [Double](repeating: 0, count: n)
        for j in profile.items {
            for e in neighbourEntries(ofItem: j) {
                let i = Int(neighbourItems[e])
                counts[i] &+= 1
                last[i] = Int32(truncatingIfNeeded: j)
                lastSimilarity[i] = neighbourSimilarities[e]
            }
        }
        let model = self, rated = (counts: counts, last: last, lastSimilarity: lastSimilarity)
        let filled = try? Parallel.fill(count: n, initial: Double.nan, cancel: .never, minimumChunk: 1024) { range, out in
            for i in range {
                let count = Int(rated.counts[i])
                guard !profile.rated[i], count >= model.parameters.minNeighbours else { continue }
                let value = count == 1
                    ? model.single(centred: profile.centred[Int(rated.last[i])], similarity: rated.lastSimilarity[i])
                    : model.weightedAverage(ofItem: i, profile: profile, using: min(count, model.parameters.neighbours))
                out[i] = model.parameters.center ? value + model.itemMeans[i] : value
            }
        }
        // Without a cancellation token the fill cannot fail.
        return filled ?? [Double](repeating: .nan, count: n)
    }

    /// Σ sim·c_j / Σ |sim| over the first `needed` neighbours of item `i`
    /// that the person rated, in row order (LensKit's additions, in its
    /// order).
    func weightedAverage(ofItem i: Int, profile: ItemProfile, using needed: Int) -> Double {
        var weighted = 0.0, total = 0.0, used = 0
        for e in neighbourEntries(ofItem: i) {
            let j = Int(neighbourItems[e])
            guard profile.rated[j] else { continue }
            let s = neighbourSimilarities[e]
            weighted += profile.centred[j] * s
            total += abs(s)
            used += 1
            if used == needed { break }
        }
        return weighted / total
    }

    /// LensKit's shortcut for a single neighbour: its centred rating,
    /// sign-flipped for a negative similarity only when `min_sim` < 0
    /// (NumPy's sign, so a zero similarity gives 0).
    func single(centred c: Double, similarity s: Double) -> Double {
        guard parameters.minSimilarity < 0 else { return c }
        return s > 0 ? c : (s < 0 ? -c : 0 * c)
    }
}
