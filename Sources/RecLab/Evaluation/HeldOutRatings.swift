/// Ratings kept out of training, to compare with what a model predicts:
/// one (user, movie, rating) per row, in row order.
public struct HeldOutRatings: Sendable {
    /// The user id of each row.
    public let users: [Int64]
    /// The movie id of each row.
    public let items: [Int64]
    /// The rating of each row.
    public let ratings: [Double]

    /// The number of rows.
    public var count: Int { ratings.count }

    /// Rows given as triples.
    public init(_ rows: [(user: Int64, item: Int64, rating: Double)]) {
        users = rows.map(\.user)
        items = rows.map(\.item)
        ratings = rows.map(\.rating)
    }

    /// The rows of a ratings table: its `user` and `item` columns of whole
    /// numbers and its numeric `rating` column. A column not named is the
    /// first of ``RatingMatrix/columnNames`` the table has, as training finds
    /// them (`userId` or `user_id`, `movieId` or `movie_id`, `rating` or `value`).
    ///
    /// - Throws: ``RecLabError`` naming the column that is absent (with the
    ///   columns the table has) or of the wrong type, or the first row with
    ///   a missing cell.
    /// - Complexity: O(rows).
    public init(table: Table, user: String? = nil, item: String? = nil,
                rating: String? = nil) throws(RecLabError) {
        let names = RatingMatrix.columnNames
        func named(_ given: String?, _ choices: [String]) throws(RecLabError) -> String {
            let name = given ?? choices.first { table.column(named: $0) != nil } ?? choices[0]
            guard table.column(named: name) != nil else {
                let expected = given == nil ? choices.map { "'\($0)'" }.joined(separator: " or ") : "'\(name)'"
                throw RecLabError("no \(expected) column (columns: \(Suggestion.list(table.columnNames)))", subject: name)
            }
            return name
        }
        let user = try named(user, names.user), item = try named(item, names.item)
        let rating = try named(rating, names.rating)
        let userColumn = try table.requireColumn(user), itemColumn = try table.requireColumn(item)
        let ratingColumn = try table.requireColumn(rating)
        for column in [userColumn, itemColumn] where column.type != .integer {
            throw RecLabError("'\(column.name)' holds \(column.type) values, not whole-number ids", subject: column.name)
        }
        guard ratingColumn.type != .text else {
            throw RecLabError("'\(rating)' holds text, not ratings", subject: rating)
        }
        var users = [Int64](), items = [Int64](), ratings = [Double]()
        users.reserveCapacity(table.rowCount)
        items.reserveCapacity(table.rowCount)
        ratings.reserveCapacity(table.rowCount)
        for row in 0 ..< table.rowCount {
            guard let u = userColumn.integer(at: row), let i = itemColumn.integer(at: row),
                  let r = ratingColumn.number(at: row) else {
                let missing = [userColumn, itemColumn, ratingColumn].first { $0.isMissing(row) }?.name ?? rating
                throw RecLabError("row \(row + 1) has no \(missing)", subject: missing)
            }
            users.append(u)
            items.append(i)
            ratings.append(r)
        }
        (self.users, self.items, self.ratings) = (users, items, ratings)
    }
}
