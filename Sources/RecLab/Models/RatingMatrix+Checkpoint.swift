extension RatingMatrix {
    /// The bytes ``CheckpointWriter/write(_:)-(RatingMatrix)`` writes for this matrix.
    public var checkpointSize: Int { 24 + 12 * userCount + 8 * itemCount + 12 * ratingCount }
}

extension CheckpointWriter {
    /// Appends a rating matrix, the part every model kind's payload shares:
    /// the user, movie and rating counts (Int64 each), the user ids and the
    /// movie ids (Int64, ascending), each user's number of ratings (UInt32),
    /// then the by-user movie indices (Int32) and ratings (Double bits).
    /// The by-movie layout is not written: reading rebuilds it.
    ///
    /// - Complexity: O(users + movies + ratings).
    public mutating func write(_ matrix: RatingMatrix) {
        write(Int64(matrix.userCount))
        write(Int64(matrix.itemCount))
        write(Int64(matrix.ratingCount))
        write(contentsOf: matrix.userIds)
        write(contentsOf: matrix.itemIds)
        write(contentsOf: (0 ..< matrix.userCount).map { UInt32(matrix.entries(ofUser: $0).count) })
        write(contentsOf: matrix.userItems)
        write(contentsOf: matrix.userRatings)
    }
}

extension CheckpointReader {
    /// Reads a matrix written by ``CheckpointWriter/write(_:)-(RatingMatrix)``,
    /// rebuilt (and so checked: ids ascending, each pair once) by
    /// ``RatingMatrix/build(users:items:ratings:cancel:)``. Every count is
    /// checked against the bytes left before anything is allocated.
    ///
    /// - Throws: ``RecLabError`` for ratings that do not make sense, or on
    ///   cancellation.
    /// - Complexity: O(users + movies + ratings).
    public mutating func readRatingMatrix(cancel: Cancellation) throws(RecLabError) -> RatingMatrix {
        let damaged = CheckpointReader.damaged
        let limit = Int(Int32.max)
        let userCount = try readCount("the user count", in: 1 ... limit)
        let itemCount = try readCount("the movie count", in: 1 ... limit)
        let ratingCount = try readCount("the rating count", in: 1 ... limit)
        let userIds = try readArray(Int64.self, count: userCount, "the user ids")
        let itemIds = try readArray(Int64.self, count: itemCount, "the movie ids")
        let counts = try readArray(UInt32.self, count: userCount, "the ratings per user")
        let userItems = try readArray(Int32.self, count: ratingCount, "the rated movies")
        let ratings = try readDoubles(count: ratingCount, "the ratings")
        guard counts.reduce(0, { $0 + Int($1) }) == ratingCount else { throw damaged("the ratings per user") }
        var users: [Int64] = [], items: [Int64] = []
        users.reserveCapacity(ratingCount)
        items.reserveCapacity(ratingCount)
        for (u, count) in counts.enumerated() {
            users.append(contentsOf: repeatElement(userIds[u], count: Int(count)))
        }
        for i in userItems {
            guard i >= 0, Int(i) < itemCount else { throw damaged("a rated movie's index \(i)") }
            items.append(itemIds[Int(i)])
        }
        let matrix: RatingMatrix
        do throws(RecLabError) {
            matrix = try RatingMatrix.build(users: users, items: items, ratings: ratings, cancel: cancel)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw damaged("the ratings: \(error.message)")
        }
        guard matrix.userIds == userIds, matrix.itemIds == itemIds, matrix.userRatings == ratings else {
            throw damaged("the ratings are not in order")
        }
        return matrix
    }
}
