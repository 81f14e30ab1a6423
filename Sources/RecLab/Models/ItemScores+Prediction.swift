extension ItemScores {
    /// The scores of a model that predicts every movie from one person's
    /// vector (mf, als, lowrank), for a new person given by their ratings:
    /// `predict` gets which movies they rated and returns a value per movie
    /// (NaN for the rated ones). A later rating of the same movie counts once.
    ///
    /// - Complexity: O(ratings + items) besides `predict`.
    static func predicted(for ratings: [(item: Int64, rating: Double)], in matrix: RatingMatrix,
                          _ predict: (_ rated: [Bool]) -> [Double]) -> ItemScores {
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        var distinct = Set<Int64>()
        for pair in ratings {
            distinct.insert(pair.item)
            if let i = matrix.itemIndex(of: pair.item) { rated[i] = true }
        }
        return ItemScores(matrix: matrix, values: predict(rated), rated: rated, ratingCount: distinct.count,
                          knownCount: rated.reduce(0) { $1 ? $0 + 1 : $0 }, problem: nil)
    }

    /// The same for data user `id`: `predict` gets the user's index and
    /// the movies they rated in training.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(the user's ratings + items) besides `predict`.
    static func predicted(forUser id: Int64, in matrix: RatingMatrix,
                          _ predict: (_ user: Int, _ rated: [Bool]) -> [Double]) throws(RecLabError) -> ItemScores {
        guard let u = matrix.userIndex(of: id) else {
            throw RecLabError("user \(id) is not in the training ratings", subject: String(id))
        }
        var rated = [Bool](repeating: false, count: matrix.itemCount)
        for k in matrix.entries(ofUser: u) { rated[Int(matrix.userItems[k])] = true }
        let count = matrix.entries(ofUser: u).count
        return ItemScores(matrix: matrix, values: predict(u, rated), rated: rated, ratingCount: count,
                          knownCount: count, problem: nil)
    }
}
