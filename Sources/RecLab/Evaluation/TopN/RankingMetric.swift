/// One measure of a top-K list against a user's held-out ratings, with
/// LensKit 0.14.4's definition (`lenskit.metrics.topn`, bulk forms as
/// `RecListAnalysis` uses them). One file per metric.
public protocol RankingMetric: Sendable {
    /// The column name (`ndcg`).
    static var name: String { get }
    /// The score of `list` (movie ids, best first, at most `k`) for a user
    /// whose held-out movies and gains are `truth` (not empty).
    static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double
}

/// A user's held-out movies with their gains: the ratings, or 1 each
/// (`binary`).
public struct RelevantItems: Sendable {
    /// Gain by movie id.
    public var gains: [Int64: Double]

    /// The movies of `rows`, each with its rating as gain (or 1 when
    /// `binary`); a movie given twice keeps its last rating.
    public init(_ rows: [(item: Int64, rating: Double)], binary: Bool) {
        var gains: [Int64: Double] = [:]
        for row in rows { gains[row.item] = binary ? 1 : row.rating }
        self.gains = gains
    }

    /// How many movies are held out.
    public var count: Int { gains.count }

    /// Whether `item` is held out.
    public func contains(_ item: Int64) -> Bool { gains[item] != nil }
}

/// The metrics `evaluate … top K` reports, in their column order.
public let rankingMetrics: [any RankingMetric.Type] = [NDCG.self, Recall.self, Precision.self, ReciprocalRank.self, HitRate.self]
