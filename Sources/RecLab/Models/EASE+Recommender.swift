extension EASE {
    /// Σ B[a, ·] over the kept movies `rated` (positions in ``kept``), as a
    /// score per item index: NaN for movies not kept and for `ratedItems`.
    /// Sums are in `Double`, row by row in ascending position, so a user
    /// and the same ratings given as a person score to the same bits.
    ///
    /// - Complexity: O(|rated| × kept + items).
    func scores(keptRated rated: [Int], ratedItems: [Bool]) -> [Double] {
        let n = kept.count
        var sums = [Double](repeating: 0, count: n)
        weights.withUnsafeBufferPointer { w in
            sums.withUnsafeMutableBufferPointer { s in
                for a in rated {
                    let row = a * n
                    for b in 0 ..< n { s[b] += Double(w[row + b]) }
                }
            }
        }
        var values = [Double](repeating: .nan, count: matrix.itemCount)
        for (b, i) in kept.enumerated() where !ratedItems[Int(i)] { values[Int(i)] = sums[b] }
        return values
    }

    /// The positions in ``kept`` of the rated item indices, ascending.
    func keptPositions(_ rated: [Bool]) -> [Int] {
        kept.indices.filter { rated[Int(kept[$0])] }
    }

    /// Why a person with none of the kept movies gets no list.
    var nothingKeptProblem: String {
        "ease scores movies from the ones a person rated, and none of theirs is among the \(kept.count) movies it "
            + "kept (those with \(parameters.minRatings) ratings or more)"
    }
}

extension EASE: Recommender {
    /// `ease`.
    public static let algorithm = "ease"
    /// Sums of learned weights: they only rank movies.
    public static let scoreScale = ScoreScale.ranking

    /// `reg` and `min_ratings`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("reg", UserKNN.format(parameters.regularization)), ("min_ratings", String(parameters.minRatings))]
    }

    /// Every kept movie the person has not rated, scored by the sum of the
    /// weights from the kept movies they rated (what they rated them does
    /// not matter; a movie rated twice counts once).
    ///
    /// - Complexity: O(ratings + |rated kept| × kept + items).
    public func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        var distinct = Set<Int64>()
        for pair in ratings {
            distinct.insert(pair.item)
            if let i = matrix.itemIndex(of: pair.item) { rated[i] = true }
        }
        return scores(rated: rated, ratingCount: distinct.count)
    }

    /// The same for data user `id`, from their training ratings.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(|rated kept| × kept + items).
    public func itemScores(user id: Int64) throws(RecLabError) -> ItemScores {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        for k in matrix.entries(ofUser: u) { rated[Int(matrix.userItems[k])] = true }
        return scores(rated: rated, ratingCount: matrix.entries(ofUser: u).count)
    }

    private func scores(rated: [Bool], ratingCount: Int) -> ItemScores {
        let positions = keptPositions(rated)
        let knownCount = rated.reduce(0) { $1 ? $0 + 1 : $0 }
        guard !positions.isEmpty else {
            return ItemScores(matrix: matrix, values: [Double](repeating: .nan, count: matrix.itemCount), rated: rated,
                              ratingCount: ratingCount, knownCount: knownCount, problem: nothingKeptProblem)
        }
        return ItemScores(matrix: matrix, values: scores(keptRated: positions, ratedItems: rated), rated: rated,
                          ratingCount: ratingCount, knownCount: knownCount, problem: nil)
    }
}

extension EASE: MovieSpaceModel {
    /// One measure: the learned weight (listed as a similarity).
    public var similarityMetrics: [SimilarityMetric] { [.cosine] }
    /// `weight`: it is not a cosine.
    public var similarityColumn: String { "weight" }
    /// What the weight means.
    public var similarityMeaning: String {
        "what having rated the movie adds to each one's score, learned by ease"
    }

    /// The kept movies movie `id` adds most to, largest weight first, ties
    /// by ascending id; movies rated fewer than `minCount` times left out.
    ///
    /// - Throws: ``RecLabError`` when nobody rated movie `id` in the
    ///   training data, or too few for the model to keep it.
    /// - Complexity: O(kept log count).
    public func similarMovies(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError)
        -> [ScoredItem] {
        guard let i = matrix.itemIndex(of: id) else {
            throw RecLabError("nobody in the training data rated movie \(id)")
        }
        let a = Int(position[i])
        guard a >= 0 else {
            throw RecLabError("movie \(id) has fewer than \(parameters.minRatings) ratings, so ease did not keep it "
                              + "(train with a lower min_ratings)")
        }
        let n = kept.count
        var values = [Double](repeating: .nan, count: matrix.itemCount)
        for (b, item) in kept.enumerated() where b != a && matrix.entries(ofItem: Int(item)).count >= minCount {
            values[Int(item)] = Double(weights[a * n + b])
        }
        return ItemScores(matrix: matrix, values: values, rated: [], ratingCount: 0, knownCount: 0, problem: nil)
            .recommend(count)
    }
}
