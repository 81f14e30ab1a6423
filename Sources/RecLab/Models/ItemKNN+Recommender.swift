extension ItemKNN: Recommender {
    /// `itemknn`.
    public static let algorithm = "itemknn"

    /// `nbrs`, `min_nbrs`, `min_sim` and `center`, as `train` takes them.
    public var settings: [(key: String, value: String)] {
        [("nbrs", String(parameters.neighbours)), ("min_nbrs", String(parameters.minNeighbours)),
         ("min_sim", UserKNN.format(parameters.minSimilarity)), ("center", parameters.center ? "on" : "off")]
    }
}

extension ItemKNN {
    /// The `n` movies most similar to movie `id` (similarity descending,
    /// LensKit's order for exact ties), or `nil` when nobody in the training
    /// data rated it. Fewer than `n` come back when fewer pass `min_sim`.
    ///
    /// - Complexity: O(n).
    public func similarItems(to id: Int64, count n: Int) -> [ScoredItem]? {
        guard let i = matrix.itemIndex(of: id) else { return nil }
        let row = neighbourEntries(ofItem: i)
        return row.prefix(max(0, n)).map { e in
            ScoredItem(item: matrix.itemIds[Int(neighbourItems[e])], score: neighbourSimilarities[e])
        }
    }

    /// The similarity of movies `a` and `b` as kept by the model, or `nil`
    /// when either is unknown, they are the same movie, or their similarity
    /// is below `min_sim` (or they share no rater).
    ///
    /// - Complexity: O(neighbours of `a`).
    public func similarity(between a: Int64, and b: Int64) -> Double? {
        guard let i = matrix.itemIndex(of: a), let j = matrix.itemIndex(of: b) else { return nil }
        let row = neighbourEntries(ofItem: i)
        return row.first { Int(neighbourItems[$0]) == j }.map { neighbourSimilarities[$0] }
    }
}
