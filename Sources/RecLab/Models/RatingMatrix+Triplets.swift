extension RatingMatrix {
    /// Builds a matrix from one (user id, item id, rating) per entry, through
    /// the same checks as ``build(from:user:item:rating:cancel:)`` (a pair
    /// given twice is an error).
    ///
    /// - Throws: ``RecLabError`` when the arrays differ in length, for a
    ///   repeated pair, or on cancellation.
    /// - Complexity: as ``build(from:user:item:rating:cancel:)``.
    public static func build(users: [Int64], items: [Int64], ratings: [Double],
                             cancel: Cancellation = .never) throws(RecLabError) -> RatingMatrix {
        let table = try Table(columns: [
            Column(name: "userId", integers: users),
            Column(name: "movieId", integers: items),
            Column(name: "rating", decimals: ratings),
        ])
        return try build(from: table, cancel: cancel)
    }

    /// Every entry as (user id, item id, rating), in by-user order.
    ///
    /// - Complexity: O(ratings).
    public var triplets: (users: [Int64], items: [Int64], ratings: [Double]) {
        var users: [Int64] = [], items: [Int64] = []
        users.reserveCapacity(ratingCount)
        items.reserveCapacity(ratingCount)
        for u in 0 ..< userCount {
            for k in entries(ofUser: u) {
                users.append(userIds[u])
                items.append(itemIds[Int(userItems[k])])
            }
        }
        return (users, items, userRatings)
    }

    /// This matrix with more users: each new user's id must not be one of
    /// this matrix's users (a later rating of the same item by the same new
    /// user replaces the earlier).
    ///
    /// - Throws: ``RecLabError`` naming a new user whose id is already
    ///   taken, or on cancellation.
    /// - Complexity: O(ratings + new ratings).
    public func appending(users newUsers: [(id: Int64, ratings: [(item: Int64, rating: Double)])],
                          cancel: Cancellation = .never) throws(RecLabError) -> RatingMatrix {
        var (users, items, ratings) = triplets
        for user in newUsers {
            guard userIndex(of: user.id) == nil else {
                throw RecLabError("user \(user.id) is already in the ratings", subject: String(user.id))
            }
            var latest: [Int64: Double] = [:]
            for pair in user.ratings { latest[pair.item] = pair.rating }
            for (item, rating) in latest.sorted(by: { $0.key < $1.key }) {
                users.append(user.id)
                items.append(item)
                ratings.append(rating)
            }
        }
        return try RatingMatrix.build(users: users, items: items, ratings: ratings, cancel: cancel)
    }
}
