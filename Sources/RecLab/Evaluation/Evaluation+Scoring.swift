extension Evaluation {
    /// One row's score from the model, or `nil` and why there is none.
    struct ModelScore: Sendable {
        var score: Double?
        var source: PredictionSource
    }

    /// The model's own score for every held-out row.
    ///
    /// - Complexity: see ``predict(_:on:fallback:cancel:)``.
    static func modelScores(_ model: any Recommender, on heldOut: HeldOutRatings,
                            cancel: Cancellation) throws(RecLabError) -> [ModelScore] {
        if let pairs = model as? any PairPredictor { return try pairScores(pairs, on: heldOut, cancel: cancel) }
        let matrix = model.matrix
        var result = [ModelScore](repeating: ModelScore(score: nil, source: .unknownUser), count: heldOut.count)
        // The rows of each known user, as CSR over user indices (counting sort).
        let userOfRow = heldOut.users.map { matrix.userIndex(of: $0) ?? -1 }
        var starts = [Int](repeating: 0, count: matrix.userCount + 1)
        for u in userOfRow where u >= 0 { starts[u + 1] += 1 }
        for u in 0 ..< matrix.userCount { starts[u + 1] += starts[u] }
        var rowsOfUser = [Int](repeating: 0, count: starts[matrix.userCount])
        var next = starts
        for (row, u) in userOfRow.enumerated() where u >= 0 {
            rowsOfUser[next[u]] = row
            next[u] += 1
        }
        let users = (0 ..< matrix.userCount).filter { starts[$0] < starts[$0 + 1] }
        let (groupStarts, groupRows) = (starts, rowsOfUser)
        let progress = ProgressCounter.make("scoring held-out ratings", total: heldOut.count, cancel: cancel)
        let parts = try Parallel.map(Parallel.ranges(count: users.count, minimumChunk: 1)) {
            (range) throws(RecLabError) -> [(row: Int, score: ModelScore)] in
            var out: [(row: Int, score: ModelScore)] = []
            for u in users[range] {
                try cancel.check()
                let rows = groupRows[groupStarts[u] ..< groupStarts[u + 1]]
                defer { progress?.add(rows.count) }
                if let scorer = model as? any UserItemScorer {
                    // Only the held-out movies: a user has a few, the catalogue thousands.
                    let items = rows.map { matrix.itemIndex(of: heldOut.items[$0]) }
                    let values = try scorer.scores(user: matrix.userIds[u], items: items.map { $0 ?? -1 })
                    for (k, row) in rows.enumerated() {
                        out.append((row, score(of: items[k], value: values[k], user: matrix.userIds[u], item: heldOut.items[row],
                                               matrix: matrix)))
                    }
                    continue
                }
                let scores = try model.itemScores(user: matrix.userIds[u])
                for row in rows {
                    out.append((row, score(of: heldOut.items[row], in: scores, matrix: matrix)))
                }
            }
            return out
        }
        for part in parts { for (row, score) in part { result[row] = score } }
        return result
    }

    /// Movie `item`'s score among a known user's scores, or why there is none.
    private static func score(of item: Int64, in scores: ItemScores, matrix: RatingMatrix) -> ModelScore {
        guard let i = matrix.itemIndex(of: item) else { return ModelScore(score: nil, source: .unknownItem) }
        if scores.rated[i] { return ModelScore(score: nil, source: .inTraining) }
        let value = scores.values[i]
        return value.isNaN ? ModelScore(score: nil, source: .declined) : ModelScore(score: value, source: .model)
    }

    /// A ``UserItemScorer``'s `value` for movie `item` of data user `user`
    /// (`index`: the movie's item index, nil when not in the training
    /// data), or why there is none.
    private static func score(of index: Int?, value: Double, user: Int64, item: Int64, matrix: RatingMatrix) -> ModelScore {
        guard index != nil else { return ModelScore(score: nil, source: .unknownItem) }
        if matrix.rating(user: user, item: item) != nil { return ModelScore(score: nil, source: .inTraining) }
        return value.isNaN ? ModelScore(score: nil, source: .declined) : ModelScore(score: value, source: .model)
    }

    /// Each row asked of a ``PairPredictor`` directly, rows spread over the
    /// cores.
    private static func pairScores(_ model: any PairPredictor, on heldOut: HeldOutRatings,
                                   cancel: Cancellation) throws(RecLabError) -> [ModelScore] {
        let matrix = model.matrix
        let progress = ProgressCounter.make("scoring held-out ratings", total: heldOut.count, cancel: cancel)
        let parts = try Parallel.map(Parallel.ranges(count: heldOut.count, minimumChunk: 16_384)) {
            (range) throws(RecLabError) -> [ModelScore] in
            try cancel.check()
            defer { progress?.add(range.count) }
            return range.map { row in
                let (user, item) = (heldOut.users[row], heldOut.items[row])
                guard matrix.userIndex(of: user) != nil else { return ModelScore(score: nil, source: .unknownUser) }
                guard matrix.itemIndex(of: item) != nil else { return ModelScore(score: nil, source: .unknownItem) }
                if matrix.rating(user: user, item: item) != nil { return ModelScore(score: nil, source: .inTraining) }
                guard let value = model.predict(user: user, item: item), !value.isNaN else {
                    return ModelScore(score: nil, source: .declined)
                }
                return ModelScore(score: value, source: .model)
            }
        }
        return parts.flatMap { $0 }
    }
}
