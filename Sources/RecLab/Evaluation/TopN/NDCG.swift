import Foundation

/// Normalised discounted cumulative gain: Σ gain(i)/max(log2 i, 1) over the
/// list, divided by the same sum over the user's `k` best gains in
/// descending order (LensKit's `ndcg` with its default `log2` discount).
public enum NDCG: RankingMetric {
    /// `ndcg`.
    public static let name = "ndcg"

    /// - Complexity: O(k + |truth| log |truth|).
    public static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double {
        let ideal = truth.gains.values.sorted(by: >).prefix(k)
        let best = ideal.enumerated().reduce(0.0) { $0 + $1.element / discount($1.offset + 1) }
        let achieved = list.prefix(k).enumerated().reduce(0.0) { $0 + (truth.gains[$1.element] ?? 0) / discount($1.offset + 1) }
        return best > 0 ? achieved / best : 0
    }

    /// max(log2 rank, 1): the first two ranks count in full.
    static func discount(_ rank: Int) -> Double { max(log2(Double(rank)), 1) }
}
