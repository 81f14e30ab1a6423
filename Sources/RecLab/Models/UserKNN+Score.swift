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
        var similarities = similarities(of: profile)
        if let ownIndex { similarities[ownIndex] = 0 }
        let scores = problem == nil ? scoreItems(mean: mean, similarities: similarities, rated: rated)
            : [Double](repeating: .nan, count: matrix.itemCount)
        return UserKNNScores(model: self, mean: mean, similarities: similarities, scores: scores, rated: rated,
                             ratingCount: ratingCount, knownCount: knownCount, problem: problem)
    }

    /// Work below this many matrix entries stays on one core: splitting it
    /// costs more than it saves.
    static let parallelEntries = 32_768

    /// sim(v) = Σ_i x_vi q_i for every user v, walking each of the profile's
    /// items' raters.
    ///
    /// Items in ascending order sum each user's terms in item order, the
    /// order that makes the scores reproducible. Workers take disjoint user
    /// ranges (each item's raters are ascending, so a binary search finds a
    /// range's part of every item), which keeps that order.
    func similarities(of profile: [(index: Int, value: Double)]) -> [Double] {
        let work = profile.reduce(0) { $0 + matrix.entries(ofItem: $1.index).count }
        let userRanges = work < 2 * UserKNN.parallelEntries ? [0 ..< matrix.userCount]
            : Parallel.ranges(weightedBy: matrix.userOffsets, minimumWeight: 1)
        var similarities = [Double](repeating: 0, count: matrix.userCount)
        similarities.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            Parallel.forEach(userRanges) { users in
                let (itemUsers, ratings) = (matrix.itemUsers, matrix.itemRatings)
                let (means, norms) = (userMeans, userNorms)
                itemUsers.withUnsafeBufferPointer { itemUsers in
                    ratings.withUnsafeBufferPointer { ratings in
                        let low = Int32(truncatingIfNeeded: users.lowerBound)
                        let high = Int32(truncatingIfNeeded: users.upperBound)
                        for (i, q) in profile {
                            let entries = matrix.entries(ofItem: i)
                            var k = Self.firstEntry(in: entries, atLeast: low, of: itemUsers)
                            while k < entries.upperBound, itemUsers[k] < high {
                                // x_vi = c_vi / ‖c_v‖, or 0 for a user whose
                                // ratings are all equal.
                                let v = Int(itemUsers[k])
                                let norm = norms[v]
                                let x = norm > 0 ? (ratings[k] - means[v]) / norm : 0
                                out.pointer[v] += x * q
                                k += 1
                            }
                        }
                    }
                }
            }
        }
        return similarities
    }

    /// The first position in `entries` whose user is at least `user` (raters
    /// ascend within an item).
    static func firstEntry(in entries: Range<Int>, atLeast user: Int32, of itemUsers: UnsafeBufferPointer<Int32>) -> Int {
        var low = entries.lowerBound, high = entries.upperBound
        while low < high {
            let mid = (low + high) / 2
            if itemUsers[mid] < user { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// score(i) = μ + Σ sim·c / Σ |sim| over each unrated item's neighbours,
    /// NaN where there are fewer than `min_nbrs`.
    ///
    /// Each user's similarity is first replaced by −∞ when they cannot be a
    /// neighbour (|sim| < 1e-10 or sim < `min_sim`), so one comparison with
    /// the heap's ``NeighbourHeap/threshold`` decides each rater: the heap
    /// sees exactly the offers it would have kept, in the same order, and
    /// ends the same. (Similarities that are not finite, which only
    /// non-finite ratings produce, take the plain rater-by-rater walk, since
    /// −∞ could not be told apart.) Workers take disjoint item ranges of
    /// about equal numbers of ratings, each with its own heap.
    func scoreItems(mean: Double, similarities: [Double], rated: [Bool]) -> [Double] {
        let usable = usableSimilarities(similarities)
        let itemRanges = matrix.ratingCount < 2 * UserKNN.parallelEntries ? [0 ..< matrix.itemCount]
            : Parallel.ranges(weightedBy: matrix.itemOffsets, minimumWeight: UserKNN.parallelEntries)
        var scores = [Double](repeating: .nan, count: matrix.itemCount)
        scores.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            Parallel.forEach(itemRanges) { items in
                var heap = NeighbourHeap(capacity: parameters.neighbours)
                matrix.itemUsers.withUnsafeBufferPointer { itemUsers in
                    usable.values.withUnsafeBufferPointer { usableValues in
                        for i in items where !rated[i] {
                            out.pointer[i] = score(item: i, mean: mean, similarities: similarities,
                                                   usable: usableValues, finite: usable.finite, itemUsers: itemUsers, heap: &heap)
                        }
                    }
                }
            }
        }
        return scores
    }

    /// Each user's similarity, or −∞ when they cannot be a neighbour, and
    /// whether every similarity is finite (see ``scoreItems(mean:similarities:rated:)``).
    private func usableSimilarities(_ similarities: [Double]) -> (values: [Double], finite: Bool) {
        let minimum = parameters.minSimilarity
        return (similarities.map { abs($0) < UserKNN.negligibleSimilarity || $0 < minimum ? -Double.infinity : $0 },
                similarities.allSatisfy(\.isFinite))
    }

    /// Item `i`'s score from its most similar usable raters, NaN with fewer
    /// than `min_nbrs`: one item of ``scoreItems(mean:similarities:rated:)``.
    private func score(item i: Int, mean: Double, similarities: [Double], usable: UnsafeBufferPointer<Double>, finite: Bool,
                       itemUsers: UnsafeBufferPointer<Int32>, heap: inout NeighbourHeap) -> Double {
        if finite {
            heap.removeAll()
            var threshold = -Double.infinity
            for k in matrix.entries(ofItem: i) {
                let s = usable[Int(itemUsers[k])]
                guard s > threshold else { continue }
                heap.offer(similarity: s, entry: Int32(truncatingIfNeeded: k))
                threshold = heap.threshold
            }
        } else {
            selectNeighbours(ofItem: i, similarities: similarities, into: &heap)
        }
        guard heap.count >= parameters.minNeighbours else { return .nan }
        let (weighted, total) = weightedSums(heap, similarities: similarities)
        return mean + weighted / total
    }

    /// Data user `id`'s scores of the movies at item indices `items` only,
    /// each the same to the bit as ``score(user:)`` gives it; NaN for a
    /// movie the user rated or one with too few neighbours. What
    /// evaluation needs: a handful of held-out movies per user, not all.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(ratings of the raters of the user's movies +
    ///   raters of `items` × log `neighbours`).
    public func scores(user id: Int64, items: [Int]) throws(RecLabError) -> [Double] {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        let entries = matrix.entries(ofUser: u)
        let mean = userMeans[u], norm = userNorms[u]
        guard norm > 0 else { return [Double](repeating: .nan, count: items.count) }
        var rated = Set<Int>()
        var profile: [(index: Int, value: Double)] = []
        for k in entries {
            let i = Int(matrix.userItems[k])
            rated.insert(i)
            profile.append((i, (matrix.userRatings[k] - mean) / norm))
        }
        var similarities = similarities(of: profile)
        similarities[u] = 0
        let usable = usableSimilarities(similarities)
        var heap = NeighbourHeap(capacity: parameters.neighbours)
        return matrix.itemUsers.withUnsafeBufferPointer { itemUsers in
            usable.values.withUnsafeBufferPointer { usableValues in
                items.map { i in
                    guard (0 ..< matrix.itemCount).contains(i), !rated.contains(i) else { return .nan }
                    return score(item: i, mean: mean, similarities: similarities, usable: usableValues,
                                 finite: usable.finite, itemUsers: itemUsers, heap: &heap)
                }
            }
        }
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
            weighted += s * centred(entry: k)
            total += abs(s)
        }
        return (weighted, total)
    }
}
