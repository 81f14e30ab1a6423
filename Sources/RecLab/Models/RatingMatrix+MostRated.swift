extension RatingMatrix {
    /// The number of training ratings of each item index.
    ///
    /// - Complexity: O(items).
    public var itemRatingCounts: [Int] { (0 ..< itemCount).map { entries(ofItem: $0).count } }

    /// How many training ratings movie `id` has (0 when nobody rated it).
    ///
    /// - Complexity: O(1).
    public func ratingCount(ofItem id: Int64) -> Int {
        itemIndex(of: id).map { entries(ofItem: $0).count } ?? 0
    }

    /// The item indices of the `n` movies with the most training ratings,
    /// most first, ties by ascending id (all of them when there are fewer).
    ///
    /// - Complexity: O(items log items).
    public func mostRatedItems(_ n: Int) -> [Int] {
        let counts = itemRatingCounts
        let order = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return Array(order.prefix(max(0, n)))
    }
}
