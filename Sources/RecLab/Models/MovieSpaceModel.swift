/// A model that can say which movies are like a movie: by their vectors
/// (``MovieVectorModel``: `mf`, `als`, `lowrank`) or by the similarities it
/// kept (`itemknn`). `similar` asks any of them the same way.
public protocol MovieSpaceModel: Recommender {
    /// The measures it can rank by: vectors take cosine and L1, kept
    /// similarities only the cosine they were kept as.
    var similarityMetrics: [SimilarityMetric] { get }
    /// What its cosine measures, for the line under `similar`'s table.
    var similarityMeaning: String { get }
    /// The heading of `similar`'s score column under the cosine metric
    /// (`similarity`; `weight` for `ease`).
    var similarityColumn: String { get }
    /// The `count` movies most like movie `id` by `metric` (one of
    /// ``similarityMetrics``), closest first, never `id` itself; movies
    /// rated fewer than `minCount` times in the training data left out.
    ///
    /// - Throws: ``RecLabError`` when nobody rated movie `id` in the training data.
    func similarMovies(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError) -> [ScoredItem]
}

extension MovieSpaceModel {
    /// `similarity`.
    public var similarityColumn: String { "similarity" }
}

extension MovieVectorModel {
    /// Cosine and L1 between movie vectors.
    public var similarityMetrics: [SimilarityMetric] { [.cosine, .l1] }
    /// `the cosine of the movie vectors: 1 points the same way`.
    public var similarityMeaning: String { "the cosine of the movie vectors: 1 points the same way" }

    /// ``similarItems(to:count:metric:minCount:)`` without the movie itself.
    public func similarMovies(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError) -> [ScoredItem] {
        // One more, for the movie itself, which is left out.
        let ranked = try similarItems(to: id, count: count + 1, metric: metric, minCount: minCount)
        return Array(ranked.lazy.filter { $0.item != id }.prefix(count))
    }
}

extension ItemKNN: MovieSpaceModel {
    /// Only the cosine the similarities were kept as.
    public var similarityMetrics: [SimilarityMetric] { [.cosine] }
    /// `the cosine of the two movies' mean-centred ratings, kept when it was trained`.
    public var similarityMeaning: String { "the cosine of the two movies' mean-centred ratings, kept when it was trained" }

    /// The kept neighbours of movie `id`, most similar first.
    public func similarMovies(to id: Int64, count: Int, metric: SimilarityMetric, minCount: Int) throws(RecLabError) -> [ScoredItem] {
        guard let kept = similarItems(to: id, count: Int.max) else {
            throw RecLabError("nobody in the training data rated movie \(id)")
        }
        return Array(kept.lazy.filter { $0.item != id && self.matrix.ratingCount(ofItem: $0.item) >= minCount }.prefix(count))
    }
}
