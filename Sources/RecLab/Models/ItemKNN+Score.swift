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
        let profile = ItemProfile(ratings: ratings, matrix: matrix, means: itemMeans, center: parameters.center)
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
        return ItemProfile(user: u, matrix: matrix, means: itemMeans, center: parameters.center)
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
            problem = "none of your rated movies is similar enough (min_sim \(UserKNN.format(parameters.minSimilarity))) "
                + "to a movie you have not rated"
        } else {
            problem = nil
        }
        return ItemScores(matrix: matrix, values: values, rated: profile.rated, ratingCount: profile.ratingCount,
                          knownCount: profile.knownCount, problem: problem)
    }

    /// The score per item index (NaN when rated or not scored).
    ///
    /// The candidates' rated neighbours are found from the person's side:
    /// row j lists every i with sim(i, j) kept, because the similarities are
    /// symmetric. Each candidate's rated neighbours are then put in the
    /// order of its own row (ties included) before the first `nbrs` are used.
    private func scores(_ profile: ItemProfile) -> [Double] {
        let n = matrix.itemCount
        var values = [Double](repeating: .nan, count: n)
        // Pass 1: how many rated neighbours each candidate has.
        var starts = [Int](repeating: 0, count: n + 1)
        for j in profile.items {
            for e in neighbourEntries(ofItem: j) {
                let i = Int(neighbourItems[e])
                if !profile.rated[i] { starts[i + 1] += 1 }
            }
        }
        for i in 0 ..< n { starts[i + 1] += starts[i] }
        // Pass 2: gather them per candidate.
        var found = [(item: Int, similarity: Double)](repeating: (0, 0), count: starts[n])
        var cursor = starts
        for j in profile.items {
            for e in neighbourEntries(ofItem: j) {
                let i = Int(neighbourItems[e])
                guard !profile.rated[i] else { continue }
                found[cursor[i]] = (j, neighbourSimilarities[e])
                cursor[i] += 1
            }
        }
        var ranked: [(position: Int, item: Int, similarity: Double)] = []
        for i in 0 ..< n {
            let count = starts[i + 1] - starts[i]
            guard count >= parameters.minNeighbours else { continue }
            let score: Double
            if count == 1 {
                let only = found[starts[i]]
                score = single(centred: profile.centred[only.item], similarity: only.similarity)
            } else {
                ranked.removeAll(keepingCapacity: true)
                for k in starts[i] ..< starts[i + 1] {
                    let (j, s) = found[k]
                    ranked.append((position(ofNeighbour: j, similarity: s, inRow: i), j, s))
                }
                ranked.sort { $0.position < $1.position }
                var weighted = 0.0, total = 0.0
                for entry in ranked.prefix(parameters.neighbours) {
                    weighted += profile.centred[entry.item] * entry.similarity
                    total += abs(entry.similarity)
                }
                score = weighted / total
            }
            values[i] = parameters.center ? score + itemMeans[i] : score
        }
        return values
    }

    /// LensKit's shortcut for a single neighbour: its centred rating,
    /// sign-flipped for a negative similarity only when `min_sim` < 0
    /// (NumPy's sign, so a zero similarity gives 0).
    func single(centred c: Double, similarity s: Double) -> Double {
        guard parameters.minSimilarity < 0 else { return c }
        return s > 0 ? c : (s < 0 ? -c : 0 * c)
    }

    /// Where neighbour `j` (with similarity `s`) sits in item `i`'s row:
    /// a binary search for the run of similarities equal to `s`, then a
    /// walk along the run.
    ///
    /// - Complexity: O(log row + equal similarities in the row).
    func position(ofNeighbour j: Int, similarity s: Double, inRow i: Int) -> Int {
        let row = neighbourEntries(ofItem: i)
        var low = row.lowerBound, high = row.upperBound
        while low < high {
            let middle = (low + high) / 2
            if neighbourSimilarities[middle] > s { low = middle + 1 } else { high = middle }
        }
        var p = low
        while p < row.upperBound, neighbourSimilarities[p] == s {
            if Int(neighbourItems[p]) == j { return p }
            p += 1
        }
        // Unreachable while the rows are symmetric; a plain scan keeps any
        // surprise an ordering detail rather than a crash.
        return row.first { Int(neighbourItems[$0]) == j } ?? row.upperBound
    }
}
