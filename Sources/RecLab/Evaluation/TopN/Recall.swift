/// The share of the user's held-out movies the list found, out of as many
/// as the list could hold: hits / min(|truth|, k) (LensKit's `recall`).
public enum Recall: RankingMetric {
    /// `recall`.
    public static let name = "recall"

    /// - Complexity: O(k).
    public static func score(_ list: [Int64], truth: RelevantItems, k: Int) -> Double {
        let hits = list.prefix(k).count { truth.contains($0) }
        return Double(hits) / Double(min(truth.count, k))
    }
}
