/// A sparse users × items matrix of ratings, stored twice: by user and by
/// item (compressed sparse rows), for models that walk either way.
///
/// Users and items are indexed in ascending id order, so index order is id
/// order. Within a user's row the item indices ascend; within an item's row
/// the user indices ascend. Each (user, item) pair occurs at most once.
public struct RatingMatrix: Sendable {
    /// The distinct user ids, ascending; user index `u` is `userIds[u]`.
    public let userIds: [Int64]
    /// The distinct item ids, ascending; item index `i` is `itemIds[i]`.
    public let itemIds: [Int64]

    /// User `u`'s entries are `userOffsets[u] ..< userOffsets[u + 1]` of
    /// ``userItems`` and ``userRatings``.
    public let userOffsets: [Int]
    /// The item index of each by-user entry (ascending within a user).
    public let userItems: [Int32]
    /// The rating of each by-user entry.
    public let userRatings: [Double]

    /// Item `i`'s entries are `itemOffsets[i] ..< itemOffsets[i + 1]` of
    /// ``itemUsers`` and ``itemRatings``.
    public let itemOffsets: [Int]
    /// The user index of each by-item entry (ascending within an item).
    public let itemUsers: [Int32]
    /// The rating of each by-item entry.
    public let itemRatings: [Double]

    let userLookup: IdIndex
    let itemLookup: IdIndex

    init(userIds: [Int64], itemIds: [Int64], userOffsets: [Int], userItems: [Int32], userRatings: [Double],
         itemOffsets: [Int], itemUsers: [Int32], itemRatings: [Double], userLookup: IdIndex, itemLookup: IdIndex) {
        self.userIds = userIds
        self.itemIds = itemIds
        self.userOffsets = userOffsets
        self.userItems = userItems
        self.userRatings = userRatings
        self.itemOffsets = itemOffsets
        self.itemUsers = itemUsers
        self.itemRatings = itemRatings
        self.userLookup = userLookup
        self.itemLookup = itemLookup
    }

    /// The number of distinct users.
    public var userCount: Int { userIds.count }
    /// The number of distinct items.
    public var itemCount: Int { itemIds.count }
    /// The number of ratings.
    public var ratingCount: Int { userItems.count }

    /// The index of user `id`, or `nil` when that user rated nothing.
    ///
    /// - Complexity: O(1).
    public func userIndex(of id: Int64) -> Int? { userLookup.index(of: id) }

    /// The index of item `id`, or `nil` when nobody rated it.
    ///
    /// - Complexity: O(1).
    public func itemIndex(of id: Int64) -> Int? { itemLookup.index(of: id) }

    /// User `user`'s rating of item `item`, or `nil` when there is none.
    ///
    /// - Complexity: O(log n) for the user's n ratings (their items ascend).
    public func rating(user: Int64, item: Int64) -> Double? {
        guard let u = userIndex(of: user), let i = itemIndex(of: item) else { return nil }
        var range = entries(ofUser: u)
        while !range.isEmpty {
            let middle = range.lowerBound + range.count / 2
            let found = Int(userItems[middle])
            if found == i { return userRatings[middle] }
            range = found < i ? middle + 1 ..< range.upperBound : range.lowerBound ..< middle
        }
        return nil
    }

    /// The by-user entry positions of user index `u`.
    @inlinable
    public func entries(ofUser u: Int) -> Range<Int> { userOffsets[u] ..< userOffsets[u + 1] }

    /// The by-item entry positions of item index `i`.
    @inlinable
    public func entries(ofItem i: Int) -> Range<Int> { itemOffsets[i] ..< itemOffsets[i + 1] }
}

/// Maps ids to dense indices in ascending id order: a direct array when the
/// ids span a compact range, a dictionary otherwise.
enum IdIndex: Sendable {
    /// `slots[id - low]` is the index, or -1 for an absent id.
    case dense(low: Int64, slots: [Int32])
    case hashed([Int64: Int32])

    func index(of id: Int64) -> Int? {
        switch self {
        case .dense(let low, let slots):
            let (offset, overflow) = id.subtractingReportingOverflow(low)
            guard !overflow, offset >= 0, offset < Int64(slots.count) else { return nil }
            let slot = slots[Int(offset)]
            return slot < 0 ? nil : Int(slot)
        case .hashed(let map):
            return map[id].map(Int.init)
        }
    }
}
