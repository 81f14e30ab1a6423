/// 1 / the rank of the first held-out movie in the list, 0 when none is
/// (LensKit's `recip_rank`; its mean over users is the MRR).
public enum ReciprocalRank: RankingMetric {
    /// `mrr`.
    public static let name = "mrr"

    /// - Complexity: O(k).
    public static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double {
        guard let first = list.prefix(k).firstIndex(where: { truth.contains($0) }) else { return 0 }
        return 1 / Double(first + 1)
    }
}
