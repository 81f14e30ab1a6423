extension LowRank: MovieVectorModel {
    /// The `count` movies closest to movie `id` by their feature vectors,
    /// closest first, exact ties by ascending id: by cosine, or by the sum
    /// of absolute differences as the tutorial ranks them (`metric: .l1`).
    /// The movie itself is a candidate (cosine 1, difference 0), so it
    /// normally comes first; other movies rated fewer than `minCount` times
    /// in the training data are left out. A zero vector has cosine 0 to
    /// everything. Same contract as ``MatrixFactorization/similarItems(to:count:metric:minCount:)``.
    ///
    /// - Throws: ``RecLabError`` when no training rating has movie `id`.
    /// - Complexity: O(items × features + items × count) worst case.
    public func similarItems(to id: Int64, count: Int, metric: SimilarityMetric = .cosine,
                             minCount: Int = 0) throws(RecLabError) -> [ScoredItem] {
        guard let target = matrix.itemIndex(of: id) else {
            throw RecLabError("movie \(id) has no vector: nobody rated it in the training data", subject: String(id))
        }
        let k = factors, query = itemOffset(target)
        var queryNorm = 0.0
        for f in 0 ..< k { queryNorm += vectors[query + f] * vectors[query + f] }
        queryNorm = queryNorm.squareRoot()
        let values = (0 ..< matrix.itemCount).map { i -> Double in
            if i != target, matrix.entries(ofItem: i).count < minCount { return .nan }
            let row = itemOffset(i)
            switch metric {
            case .cosine:
                // Exactly 1 for the movie itself, not 1 − rounding.
                if i == target { return queryNorm == 0 ? 0 : 1 }
                var dot = 0.0, squares = 0.0
                for f in 0 ..< k {
                    dot += vectors[query + f] * vectors[row + f]
                    squares += vectors[row + f] * vectors[row + f]
                }
                let norm = squares.squareRoot()
                return norm == 0 || queryNorm == 0 ? 0 : dot / (norm * queryNorm)
            case .l1:
                var sum = 0.0
                for f in 0 ..< k { sum += abs(vectors[query + f] - vectors[row + f]) }
                return sum
            }
        }
        // ItemScores ranks by descending score; l1 ranks by ascending difference.
        let sign = metric.higherIsCloser ? 1.0 : -1.0
        let ranked = ItemScores(matrix: matrix, values: values.map { $0 * sign }, rated: [], ratingCount: 0,
                                knownCount: 0, problem: nil).recommend(count)
        return ranked.map { ScoredItem(item: $0.item, score: $0.score * sign) }
    }
}
