/// A model whose movies live in a vector space: each movie of the training
/// data has a vector of ``factors`` numbers (`mf`'s item embeddings, the
/// movie features of `lowrank`). `similar` and `pca` work on any of them.
public protocol MovieVectorModel: MovieSpaceModel {
    /// The length of every movie vector.
    var factors: Int { get }
    /// The vector of the movie at item index `i` of ``Recommender/matrix``
    /// (``factors`` numbers; `i` must be a valid item index).
    func itemVector(index i: Int) -> [Float]
    /// The `count` movies closest to movie `id`, closest first (see
    /// ``similarItemsByVectors(to:count:metric:minCount:)`` for the
    /// contract); a model may answer faster than that default.
    ///
    /// - Throws: ``RecLabError`` when nobody rated movie `id` in the training
    ///   data (it has no vector).
    func similarItems(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError)
        -> [ScoredItem]
}

extension MovieVectorModel {
    /// The default: ``similarItemsByVectors(to:count:metric:minCount:)``.
    public func similarItems(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError)
        -> [ScoredItem] {
        try similarItemsByVectors(to: id, count: count, metric: metric, minCount: minCount)
    }

    /// The `count` movies closest to movie `id` by their vectors, closest
    /// first, exact ties by ascending id. The movie itself is a candidate,
    /// at exactly cosine 1 and difference 0, so it comes first unless
    /// another movie has the very same direction (or vector); other movies
    /// rated fewer than `minCount` times in the training data are left out.
    /// A zero vector has cosine 0 to everything, itself included.
    ///
    /// Sums are in `Double` over ``itemVector(index:)``, one movie at a time:
    /// the plain reference a model's faster version must agree with.
    ///
    /// - Throws: ``RecLabError`` when nobody rated movie `id` in the training
    ///   data (it has no vector).
    /// - Complexity: O(items × factors + items × count) worst case.
    public func similarItemsByVectors(to id: Int64, count: Int, metric: SimilarityMetric = .cosine,
                                      minCount: Int = 0) throws(RecLabError) -> [ScoredItem] {
        guard let target = matrix.itemIndex(of: id) else {
            throw RecLabError("movie \(id) has no vector: nobody rated it in the training data", subject: String(id))
        }
        let query = itemVector(index: target).map(Double.init)
        let queryNorm = query.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // ItemScores ranks by descending score, so l1 differences are negated.
        let sign = metric.higherIsCloser ? 1.0 : -1.0
        var values = [Double](repeating: .nan, count: matrix.itemCount)
        for i in 0 ..< matrix.itemCount where i == target || matrix.entries(ofItem: i).count >= minCount {
            let vector = itemVector(index: i)
            switch metric {
            case .cosine:
                var dot = 0.0, squares = 0.0
                for (q, v) in zip(query, vector) {
                    dot += q * Double(v)
                    squares += Double(v) * Double(v)
                }
                let norm = squares.squareRoot()
                values[i] = norm == 0 || queryNorm == 0 ? 0 : dot / (norm * queryNorm)
            case .l1:
                values[i] = -zip(query, vector).reduce(0) { $0 + abs($1.0 - Double($1.1)) }
            }
        }
        // Exact for the movie itself, where rounding could leave 0.9999999999999998.
        if metric == .cosine, queryNorm > 0 { values[target] = 1 }
        let ranked = ItemScores(matrix: matrix, values: values, rated: [], ratingCount: 0, knownCount: 0,
                                problem: nil).recommend(count)
        return ranked.map { ScoredItem(item: $0.item, score: $0.score * sign) }
    }
}

/// `mf` answers `similar` with its own SIMD loop over the stored rows.
extension MatrixFactorization: MovieVectorModel {}
extension ALSModel: MovieVectorModel {}
