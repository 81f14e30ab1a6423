extension RatingMatrix {
    /// The column names a ratings table's user, movie and rating columns go
    /// by when none is named: MovieLens's, then the LinkedIn Learning
    /// tutorial's (`user_id, movie_id, value`).
    public static let columnNames = (user: ["userId", "user_id"], item: ["movieId", "movie_id"], rating: ["rating", "value"])

    /// Builds the matrix from a ratings table.
    ///
    /// - Parameters:
    ///   - table: one row per rating.
    ///   - user: the integer column of user ids (default: the first of
    ///     ``columnNames`` the table has).
    ///   - item: the integer column of item ids (likewise).
    ///   - rating: the numeric column of ratings (likewise).
    /// - Throws: ``RecLabError`` for an unknown column, a column of the wrong
    ///   type, a missing cell (naming the column and row), a (user, item)
    ///   pair rated twice (naming the first such pair in row order), or
    ///   cancellation.
    /// - Complexity: O(rows + id span) with counting sorts (no comparison
    ///   sort) when ids span a compact range; ids spread far apart are hashed
    ///   and only the distinct ids are sorted. Rows already sorted by user
    ///   and item (MovieLens files are) skip the by-user sort, and the large
    ///   passes run on every core.
    public static func build(
        from table: Table, user: String? = nil, item: String? = nil, rating: String? = nil,
        cancel: Cancellation = .never
    ) throws(RecLabError) -> RatingMatrix {
        func named(_ given: String?, _ names: [String], _ what: String) throws(RecLabError) -> String {
            if let name = given ?? names.first(where: { table.index(of: $0) != nil }) { return name }
            throw RecLabError("no \(what) column: expected \(names.joined(separator: " or ")) "
                              + "(columns: \(Suggestion.list(table.columnNames)))")
        }
        let user = try named(user, columnNames.user, "user"), item = try named(item, columnNames.item, "movie")
        let rating = try named(rating, columnNames.rating, "rating")
        let userColumn = try table.requireColumn(user)
        let itemColumn = try table.requireColumn(item)
        let ratingColumn = try table.requireColumn(rating)
        let userIds = try IdColumn(userColumn)
        let itemIds = try IdColumn(itemColumn)
        let ratings = try numbers(ratingColumn)
        try cancel.check()
        let names = (user: user, item: item)
        // One specialisation per pair of id widths, so the ids are read as
        // stored rather than first widened into new arrays.
        switch (userIds, itemIds) {
        case (.int32(let u), .int32(let i)): return try build(users: u, items: i, ratings: ratings, names: names, cancel: cancel)
        case (.int32(let u), .int64(let i)): return try build(users: u, items: i, ratings: ratings, names: names, cancel: cancel)
        case (.int64(let u), .int32(let i)): return try build(users: u, items: i, ratings: ratings, names: names, cancel: cancel)
        case (.int64(let u), .int64(let i)): return try build(users: u, items: i, ratings: ratings, names: names, cancel: cancel)
        }
    }

    private static func build<U: FixedWidthInteger & Sendable, I: FixedWidthInteger & Sendable>(
        users userRowIds: [U], items itemRowIds: [I], ratings: [Double], names: (user: String, item: String),
        cancel: Cancellation
    ) throws(RecLabError) -> RatingMatrix {
        // Reported between stages: about a second at 33.8M ratings.
        let stage = "indexing the ratings"
        cancel.report(stage, fraction: 0)
        let users = try IdNumbering(userRowIds)
        try cancel.check()
        let items = try IdNumbering(itemRowIds)
        try cancel.check()
        cancel.report(stage, fraction: 0.3)
        let userOffsets = offsets(counts: users.counts)
        let itemOffsets = offsets(counts: items.counts)
        let order = rowOrder(users: userRowIds, items: itemRowIds)
        try cancel.check()
        cancel.report(stage, fraction: 0.4)

        let userItems: [Int32], userRatings: [Double]
        if order.sorted {
            // Rows already in by-user order: the item column, numbered, is
            // the by-user layout, and an equal pair can only be adjacent.
            if let row = order.firstEqualPair {
                throw duplicate(user: Int64(userRowIds[row]), item: Int64(itemRowIds[row]), row: row, names: names)
            }
            userItems = try items.rowIndices(itemRowIds)
            userRatings = ratings
        } else {
            (userItems, userRatings) = try sortByUser(users: users.rowIndices(userRowIds), items: items.rowIndices(itemRowIds),
                                                      ratings: ratings, userOffsets: userOffsets, itemOffsets: itemOffsets,
                                                      userIds: users.ids, itemIds: items.ids, names: names)
        }
        try cancel.check()
        cancel.report(stage, fraction: 0.6)

        let (itemUsers, itemRatings) = try transpose(userOffsets: userOffsets, userItems: userItems, userRatings: userRatings,
                                                     itemOffsets: itemOffsets)
        try cancel.check()
        cancel.report(stage, fraction: 1)
        return RatingMatrix(userIds: users.ids, itemIds: items.ids,
                            userOffsets: userOffsets, userItems: userItems, userRatings: userRatings,
                            itemOffsets: itemOffsets, itemUsers: itemUsers, itemRatings: itemRatings,
                            userLookup: users.lookup, itemLookup: items.lookup)
    }

    /// The by-user layout of unsorted rows: stable counting sorts by item,
    /// then that order by user, give each user's items ascending. Then the
    /// first duplicate pair in row order, if any, is reported.
    private static func sortByUser(
        users userRows: [Int32], items itemRows: [Int32], ratings: [Double], userOffsets: [Int], itemOffsets: [Int],
        userIds: [Int64], itemIds: [Int64], names: (user: String, item: String)
    ) throws(RecLabError) -> (items: [Int32], ratings: [Double]) {
        let rowCount = ratings.count
        var byItem = [Int32](repeating: 0, count: rowCount)
        var cursor = itemOffsets
        for row in 0 ..< rowCount {
            let i = Int(itemRows[row])
            byItem[cursor[i]] = Int32(truncatingIfNeeded: row)
            cursor[i] += 1
        }
        var userItems = [Int32](repeating: 0, count: rowCount)
        var userRatings = [Double](repeating: 0, count: rowCount)
        var rows = [Int32](repeating: 0, count: rowCount)
        cursor = userOffsets
        for row32 in byItem {
            let row = Int(row32)
            let u = Int(userRows[row])
            let slot = cursor[u]
            cursor[u] = slot + 1
            userItems[slot] = itemRows[row]
            userRatings[slot] = ratings[row]
            rows[slot] = row32
        }

        // Equal items sit side by side in a user's row, in row order, so the
        // later of each pair is the row where the duplicate shows up.
        var firstDuplicate: (row: Int32, user: Int, slot: Int)?
        for u in 0 ..< userIds.count {
            let start = userOffsets[u], end = userOffsets[u + 1]
            guard end - start > 1 else { continue }
            for slot in start + 1 ..< end where userItems[slot] == userItems[slot - 1] {
                let row = rows[slot]
                if firstDuplicate.map({ row < $0.row }) ?? true { firstDuplicate = (row, u, slot) }
            }
        }
        if let d = firstDuplicate {
            throw duplicate(user: userIds[d.user], item: itemIds[Int(userItems[d.slot])], row: Int(d.row), names: names)
        }
        return (userItems, userRatings)
    }

    private static func duplicate(user: Int64, item: Int64, row: Int, names: (user: String, item: String)) -> RecLabError {
        RecLabError("user \(user) rated movie \(item) twice (row \(row + 1)); "
                    + "each (\(names.user), \(names.item)) pair may appear once", subject: names.item)
    }

    /// The by-item layout: each user's entries scattered to their items'
    /// slots, walking users in ascending order so each item's raters ascend.
    ///
    /// Workers take contiguous user ranges of about equal numbers of
    /// ratings. Each first counts its ratings per item, so a later range's
    /// raters of an item go after an earlier range's: the same layout as one
    /// worker's, written in parallel.
    private static func transpose(
        userOffsets: [Int], userItems: [Int32], userRatings: [Double], itemOffsets: [Int]
    ) throws(RecLabError) -> (users: [Int32], ratings: [Double]) {
        let itemCount = itemOffsets.count - 1
        let parts = Parallel.ranges(weightedBy: userOffsets, minimumWeight: 1 << 16)
        var partStarts = [Array(itemOffsets.dropLast())]
        if parts.count > 1 {
            let counts = Parallel.collect(Array(parts.dropLast())) { users in
                var counts = [Int32](repeating: 0, count: itemCount)
                for k in userOffsets[users.lowerBound] ..< userOffsets[users.upperBound] { counts[Int(userItems[k])] += 1 }
                return counts
            }
            for partCounts in counts {
                let previous = partStarts[partStarts.count - 1]
                partStarts.append((0 ..< itemCount).map { previous[$0] + Int(partCounts[$0]) })
            }
        }
        let starts = partStarts
        let count = userItems.count
        var itemRatings: [Double] = []
        let itemUsers: [Int32] = try Parallel.uninitializedArray(count: count) { (usersOut) throws(RecLabError) in
            itemRatings = try Parallel.uninitializedArray(count: count) { (ratingsOut) throws(RecLabError) in
                Parallel.forEach(parts.indices.map { $0 ..< $0 + 1 }) { part in
                    let users = parts[part.lowerBound]
                    var cursor = starts[part.lowerBound]
                    userItems.withUnsafeBufferPointer { userItems in
                        userRatings.withUnsafeBufferPointer { userRatings in
                            for u in users {
                                let user = Int32(truncatingIfNeeded: u)
                                for k in userOffsets[u] ..< userOffsets[u + 1] {
                                    let i = Int(userItems[k])
                                    let target = cursor[i]
                                    cursor[i] = target + 1
                                    usersOut.pointer[target] = user
                                    ratingsOut.pointer[target] = userRatings[k]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (itemUsers, itemRatings)
    }

    /// Whether rows ascend by user, then item (equal pairs allowed), and
    /// the first row that repeats the pair of the row before it.
    ///
    /// Ids compare in index order, so the raw ids are compared; each worker
    /// checks its rows against the row before, its range's first included.
    private static func rowOrder<U: FixedWidthInteger & Sendable, I: FixedWidthInteger & Sendable>(
        users: [U], items: [I]
    ) -> (sorted: Bool, firstEqualPair: Int?) {
        let parts = Parallel.collect(Parallel.ranges(count: users.count, minimumChunk: 1 << 16)) { rows in
            var firstEqual: Int?
            for row in max(1, rows.lowerBound) ..< max(1, rows.upperBound) {
                let u0 = users[row - 1], u1 = users[row]
                if u1 < u0 { return (false, firstEqual) }
                if u1 == u0 {
                    let i0 = items[row - 1], i1 = items[row]
                    if i1 < i0 { return (false, firstEqual) }
                    if i1 == i0, firstEqual == nil { firstEqual = row }
                }
            }
            return (true, firstEqual)
        }
        return (parts.allSatisfy(\.0), parts.lazy.compactMap(\.1).first)
    }

    /// CSR offsets: `result[b] ..< result[b + 1]` holds bucket `b`'s entries.
    private static func offsets(counts: [Int32]) -> [Int] {
        var offsets = [Int](repeating: 0, count: counts.count + 1)
        for b in counts.indices { offsets[b + 1] = offsets[b] + Int(counts[b]) }
        return offsets
    }

    /// The ids of an integer column, or an error naming the column.
    private enum IdColumn {
        case int32([Int32])
        case int64([Int64])

        init(_ column: Column) throws(RecLabError) {
            try RatingMatrix.requireComplete(column)
            switch column.storage {
            case .int32(let values): self = .int32(values)
            case .int64(let values): self = .int64(values)
            case .decimal, .text:
                throw RecLabError("column '\(column.name)' holds \(column.type), not integer ids", subject: column.name)
            }
        }
    }

    /// The values of a numeric column as decimals, or an error naming it.
    private static func numbers(_ column: Column) throws(RecLabError) -> [Double] {
        try requireComplete(column)
        switch column.storage {
        case .int32(let values): return values.map(Double.init)
        case .int64(let values): return values.map(Double.init)
        case .decimal(let values): return values
        case .text:
            throw RecLabError("column '\(column.name)' holds text, not ratings", subject: column.name)
        }
    }

    private static func requireComplete(_ column: Column) throws(RecLabError) {
        guard column.missingCount > 0 else { return }
        let row = (0 ..< column.count).first(where: column.isMissing) ?? 0
        throw RecLabError("column '\(column.name)' has \(column.missingCount) missing cell(s), the first in row \(row + 1); "
                          + "filter them out first", subject: column.name)
    }
}

/// The distinct ids of a column numbered in ascending order, how many rows
/// each has, and a lookup from id to number.
struct IdNumbering {
    /// The distinct ids, ascending.
    let ids: [Int64]
    /// The number of rows of each id, by number.
    let counts: [Int32]
    let lookup: IdIndex

    /// Numbers `rowIds`. Ids spanning a compact range are counted straight
    /// into a slot per possible id (each worker its own slots when they are
    /// few enough to be worth it, then added up); ids spread far apart are
    /// hashed.
    ///
    /// - Complexity: O(rows + span) when compact, else O(rows + d log d)
    ///   for d distinct ids.
    init<T: FixedWidthInteger & Sendable>(_ rowIds: [T]) throws(RecLabError) {
        let extremes = Parallel.collect(Parallel.ranges(count: rowIds.count, minimumChunk: 1 << 16)) { rows in
            var low = Int64.max, high = Int64.min
            for row in rows {
                let id = Int64(rowIds[row])
                low = min(low, id)
                high = max(high, id)
            }
            return (low, high)
        }
        guard let low = extremes.map(\.0).min(), let high = extremes.map(\.1).max(), low <= high else {
            self = IdNumbering(hashing: rowIds)
            return
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < Int64(max(1 << 20, 4 * rowIds.count)) else {
            self = IdNumbering(hashing: rowIds)
            return
        }
        let slotCount = Int(span) + 1
        // A worker's own slots only pay off when they are few next to its rows.
        let ranges = Parallel.ranges(count: rowIds.count, minimumChunk: max(1 << 16, 4 * slotCount))
        var perWorker = Parallel.collect(ranges) { rows in
            var slots = [Int32](repeating: 0, count: slotCount)
            slots.withUnsafeMutableBufferPointer { slots in
                for row in rows { slots[Int(Int64(rowIds[row]) &- low)] &+= 1 }
            }
            return slots
        }
        // Turn the summed counts into the slots' numbers (−1: absent id).
        var slots = perWorker.isEmpty ? [Int32](repeating: 0, count: slotCount) : perWorker.removeFirst()
        var ids: [Int64] = [], counts: [Int32] = []
        for offset in 0 ..< slotCount {
            var count = slots[offset]
            for other in perWorker { count &+= other[offset] }
            if count > 0 {
                slots[offset] = Int32(truncatingIfNeeded: ids.count)
                ids.append(low + Int64(offset))
                counts.append(count)
            } else {
                slots[offset] = -1
            }
        }
        (self.ids, self.counts, lookup) = (ids, counts, .dense(low: low, slots: slots))
    }

    private init<T: FixedWidthInteger>(hashing rowIds: [T]) {
        var map: [Int64: Int32] = [:]
        for id in rowIds { map[Int64(id), default: 0] += 1 }
        let ids = map.keys.sorted()
        var counts: [Int32] = []
        counts.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            counts.append(map[id] ?? 0)
            map[id] = Int32(truncatingIfNeeded: index)
        }
        (self.ids, self.counts, lookup) = (ids, counts, .hashed(map))
    }

    /// Each row's id number, computed in parallel.
    func rowIndices<T: FixedWidthInteger & Sendable>(_ rowIds: [T]) throws(RecLabError) -> [Int32] {
        let lookup = lookup
        return try Parallel.uninitializedArray(count: rowIds.count) { (out) throws(RecLabError) in
            Parallel.forEach(Parallel.ranges(count: rowIds.count, minimumChunk: 1 << 16)) { rows in
                switch lookup {
                case .dense(let low, let slots):
                    slots.withUnsafeBufferPointer { slots in
                        for row in rows { out.pointer[row] = slots[Int(Int64(rowIds[row]) &- low)] }
                    }
                case .hashed(let map):
                    for row in rows { out.pointer[row] = map[Int64(rowIds[row])] ?? 0 }
                }
            }
        }
    }
}
