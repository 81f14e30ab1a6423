/// 1 when the list holds any held-out movie, else 0 (LensKit's `hit`; its
/// mean over users is the hit rate).
public enum HitRate: RankingMetric {
    /// `hit`.
    public static let name = "hit"

    /// - Complexity: O(k).
    public static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double {
        list.prefix(k).contains { truth.contains($0) } ? 1 : 0
    }
}
