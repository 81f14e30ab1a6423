extension UserKNN {
    /// Scores every candidate movie for a new person from their ratings
    /// (`USERKNN.md`, "Scoring a person", steps 1–6).
    ///
    /// The person's mean and profile length are taken over all their
    /// ratings, including movies the training data has never seen; those
    /// movies are then dropped. Candidates are every training item the person
    /// has not rated. When a movie appears twice the later rating counts.
    /// No ratings, or all ratings equal, give a result with
    /// ``UserKNNScores/problem`` set and nothing scored.
    ///
    /// - Complexity: O(ratings of the raters of the person's movies +
    ///   ratings in the matrix × log `neighbours`).
    public func score(ratings: [(item: Int64, rating: Double)]) -> UserKNNScores {
        // A later rating of the same movie overwrites the earlier one.
        var position: [Int64: Int] = [:]
        var given: [(item: Int64, rating: Double)] = []
        for pair in ratings {
            if let p = position[pair.item] { given[p].rating = pair.rating } else {
                position[pair.item] = given.count
                given.append(pair)
            }
        }
        let values = given.map(\.rating)
        let known = given.compactMap { pair in matrix.itemIndex(of: pair.item).map { (index: $0, rating: pair.rating) } }
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        for pair in known { rated[pair.index] = true }

        let mean = parameters.center && !values.isEmpty ? values.reduce(0, +) / Double(values.count) : 0
        var squares = SumOfSquares()
        for r in values { squares.add(r - mean) }
        let norm = squares.norm
        let problem: UserKNNScores.Problem?
        if values.isEmpty {
            problem = .noRatings
        } else if parameters.center, values.allSatisfy({ $0 == values[0] }) || norm == 0 {
            problem = .allRatingsEqual
        } else if norm == 0 {
            problem = .allRatingsZero
        } else {
            problem = nil
        }
        let profile = known.sorted { $0.index < $1.index }.map { (index: $0.index, value: ($0.rating - mean) / norm) }
        return scores(mean: mean, profile: problem == nil ? profile : [], rated: rated, excluding: nil,
                      ratingCount: values.count, knownCount: known.count, problem: problem)
    }

    /// Scores every movie data user `id` has not rated, from their own
    /// profile and mean; their similarity to themselves is set to 0
    /// (`USERKNN.md` step 7).
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: as ``score(ratings:)``.
    public func score(user id: Int64) throws(RecLabError) -> UserKNNScores {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        let entries = matrix.entries(ofUser: u)
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        var profile: [(index: Int, value: Double)] = []
        let mean = userMeans[u], norm = userNorms[u]
        for k in entries {
            let i = Int(matrix.userItems[k])
            rated[i] = true
            if norm > 0 { profile.append((i, (matrix.userRatings[k] - mean) / norm)) }
        }
        let problem: UserKNNScores.Problem? = norm > 0 ? nil : (parameters.center ? .allRatingsEqual : .allRatingsZero)
        return scores(mean: mean, profile: profile, rated: rated, excluding: u,
                      ratingCount: entries.count, knownCount: entries.count, problem: problem)
    }

    /// Similarities from a normalised profile (item indices ascending), then
    /// a score for each unrated item with enough neighbours.
    private func scores(mean: Double, profile: [(index: Int, value: Double)], rated: [Bool], excluding ownIndex: Int?,
                        ratingCount: Int, knownCount: Int, problem: UserKNNScores.Problem?) -> UserKNNScores {
        // sim(v) = Σ_i x_vi q_i, walking each of the person's items' raters;
        // items in ascending order sum each user's terms in item order.
        var similarities = [Double](repeating: 0, count: matrix.userCount)
        for (i, q) in profile {
            for k in matrix.entries(ofItem: i) {
                similarities[Int(matrix.itemUsers[k])] += itemNormalized[k] * q
            }
        }
        if let ownIndex { similarities[ownIndex] = 0 }

        var scores = [Double](repeating: .nan, count: matrix.itemCount)
        if problem == nil {
            var heap = NeighbourHeap(capacity: parameters.neighbours)
            for i in 0 ..< matrix.itemCount where !rated[i] {
                selectNeighbours(ofItem: i, similarities: similarities, into: &heap)
                guard heap.count >= parameters.minNeighbours else { continue }
                let (weighted, total) = weightedSums(heap, similarities: similarities)
                scores[i] = mean + weighted / total
            }
        }
        return UserKNNScores(model: self, mean: mean, similarities: similarities, scores: scores, rated: rated,
                             ratingCount: ratingCount, knownCount: knownCount, problem: problem)
    }

    /// Fills `heap` with item `i`'s most similar usable raters, walking them
    /// in ascending user index.
    func selectNeighbours(ofItem i: Int, similarities: [Double], into heap: inout NeighbourHeap) {
        heap.removeAll()
        let minimum = parameters.minSimilarity
        for k in matrix.entries(ofItem: i) {
            let s = similarities[Int(matrix.itemUsers[k])]
            if abs(s) < UserKNN.negligibleSimilarity || s < minimum { continue }
            heap.offer(similarity: s, entry: Int32(truncatingIfNeeded: k))
        }
    }

    /// Σ sim·c and Σ |sim| over the heap's neighbours, in heap order.
    func weightedSums(_ heap: NeighbourHeap, similarities: [Double]) -> (weighted: Double, total: Double) {
        var weighted = 0.0, total = 0.0
        for slot in 0 ..< heap.count {
            let k = Int(heap.entries[slot])
            let s = heap.similarities[slot]
            weighted += s * itemCentred[k]
            total += abs(s)
        }
        return (weighted, total)
    }
}
