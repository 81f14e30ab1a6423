/// The share of the list's places holding a held-out movie: hits / k, a
/// short list's empty places counting as misses (LensKit's bulk `precision`
/// with `k`, which `RecListAnalysis` uses).
public enum Precision: RankingMetric {
    /// `precision`.
    public static let name = "precision"

    /// - Complexity: O(k).
    public static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double {
        Double(list.prefix(k).count { truth.contains($0) }) / Double(k)
    }
}
