extension RatingMatrix {
    /// Builds the matrix from a ratings table.
    ///
    /// - Parameters:
    ///   - table: one row per rating.
    ///   - user: the integer column of user ids.
    ///   - item: the integer column of item ids.
    ///   - rating: the numeric column of ratings.
    /// - Throws: ``RecLabError`` for an unknown column, a column of the wrong
    ///   type, a missing cell (naming the column and row), a (user, item)
    ///   pair rated twice (naming the first such pair in row order), or
    ///   cancellation.
    /// - Complexity: O(rows + id span) with three stable counting sorts (no
    ///   comparison sort) when ids span a compact range; ids spread far apart
    ///   are hashed and only the distinct ids are sorted.
    public static func build(
        from table: Table, user: String = "userId", item: String = "movieId", rating: String = "rating",
        cancel: Cancellation = .never
    ) throws(RecLabError) -> RatingMatrix {
        let userColumn = try table.requireColumn(user)
        let itemColumn = try table.requireColumn(item)
        let ratingColumn = try table.requireColumn(rating)
        let userRowIds = try integerIds(userColumn)
        let itemRowIds = try integerIds(itemColumn)
        let ratings = try numbers(ratingColumn)
        try cancel.check()

        let users = indexIds(userRowIds)
        let items = indexIds(itemRowIds)
        let rowCount = table.rowCount
        try cancel.check()

        // Stable counting sorts: rows by item, then that order by user, gives
        // each user's items ascending; the by-user order then scattered by
        // item gives each item's users ascending. Files sorted by user and
        // item (MovieLens's are) are already in by-user order.
        let itemOffsets = offsets(counting: items.rowIndices, buckets: items.ids.count)
        let userOffsets = offsets(counting: users.rowIndices, buckets: users.ids.count)
        var userItems: [Int32], userRatings: [Double], userRows: [Int32]?
        var cursor: [Int]
        if isSorted(users: users.rowIndices, items: items.rowIndices) {
            (userItems, userRatings, userRows) = (items.rowIndices, ratings, nil)
        } else {
            var byItem = [Int32](repeating: 0, count: rowCount)
            cursor = itemOffsets
            for row in 0 ..< rowCount {
                let i = Int(items.rowIndices[row])
                byItem[cursor[i]] = Int32(truncatingIfNeeded: row)
                cursor[i] += 1
            }
            userItems = [Int32](repeating: 0, count: rowCount)
            userRatings = [Double](repeating: 0, count: rowCount)
            var rows = [Int32](repeating: 0, count: rowCount)
            cursor = userOffsets
            for row32 in byItem {
                let row = Int(row32)
                let u = Int(users.rowIndices[row])
                let slot = cursor[u]
                cursor[u] = slot + 1
                userItems[slot] = items.rowIndices[row]
                userRatings[slot] = ratings[row]
                rows[slot] = row32
            }
            userRows = rows
        }
        try cancel.check()

        // Equal items sit side by side in a user's row, in row order, so the
        // later of each pair is the row where the duplicate shows up.
        var firstDuplicate: (row: Int32, user: Int, slot: Int)?
        for u in 0 ..< users.ids.count {
            let start = userOffsets[u], end = userOffsets[u + 1]
            guard end - start > 1 else { continue }
            for slot in start + 1 ..< end where userItems[slot] == userItems[slot - 1] {
                let row = userRows?[slot] ?? Int32(truncatingIfNeeded: slot)
                if firstDuplicate.map({ row < $0.row }) ?? true { firstDuplicate = (row, u, slot) }
            }
        }
        if let duplicate = firstDuplicate {
            let userId = users.ids[duplicate.user]
            let itemId = items.ids[Int(userItems[duplicate.slot])]
            throw RecLabError("user \(userId) rated movie \(itemId) twice (row \(Int(duplicate.row) + 1)); "
                              + "each (\(user), \(item)) pair may appear once", subject: item)
        }

        var itemUsers = [Int32](repeating: 0, count: rowCount)
        var itemRatings = [Double](repeating: 0, count: rowCount)
        cursor = itemOffsets
        for u in 0 ..< users.ids.count {
            for slot in userOffsets[u] ..< userOffsets[u + 1] {
                let i = Int(userItems[slot])
                let target = cursor[i]
                cursor[i] = target + 1
                itemUsers[target] = Int32(truncatingIfNeeded: u)
                itemRatings[target] = userRatings[slot]
            }
        }
        try cancel.check()

        return RatingMatrix(userIds: users.ids, itemIds: items.ids,
                            userOffsets: userOffsets, userItems: userItems, userRatings: userRatings,
                            itemOffsets: itemOffsets, itemUsers: itemUsers, itemRatings: itemRatings,
                            userLookup: users.lookup, itemLookup: items.lookup)
    }

    /// The ids of an integer column, or an error naming the column.
    private static func integerIds(_ column: Column) throws(RecLabError) -> [Int64] {
        try requireComplete(column)
        switch column.storage {
        case .int32(let values): return values.map(Int64.init)
        case .int64(let values): return values
        case .decimal, .text:
            throw RecLabError("column '\(column.name)' holds \(column.type), not integer ids", subject: column.name)
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

    /// Distinct ids ascending, each row's index among them, and a lookup.
    static func indexIds(_ rowIds: [Int64]) -> (ids: [Int64], rowIndices: [Int32], lookup: IdIndex) {
        guard let low = rowIds.min(), let high = rowIds.max() else { return ([], [], .hashed([:])) }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow, span < Int64(max(1 << 20, 4 * rowIds.count)) {
            // Mark present ids, number them in ascending order, then map rows.
            var slots = [Int32](repeating: -1, count: Int(span) + 1)
            for id in rowIds { slots[Int(id &- low)] = 0 }
            var ids: [Int64] = []
            for offset in slots.indices where slots[offset] == 0 {
                slots[offset] = Int32(truncatingIfNeeded: ids.count)
                ids.append(low + Int64(offset))
            }
            let rowIndices = rowIds.map { slots[Int($0 &- low)] }
            return (ids, rowIndices, .dense(low: low, slots: slots))
        }
        let ids = Set(rowIds).sorted()
        var map: [Int64: Int32] = [:]
        map.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() { map[id] = Int32(truncatingIfNeeded: index) }
        return (ids, rowIds.map { map[$0] ?? 0 }, .hashed(map))
    }

    /// Whether rows ascend by user, then item (equal pairs allowed, so
    /// duplicates are still found afterwards).
    private static func isSorted(users: [Int32], items: [Int32]) -> Bool {
        guard users.count > 1 else { return true }
        for row in 1 ..< users.count {
            let u0 = users[row - 1], u1 = users[row]
            if u1 < u0 || (u1 == u0 && items[row] < items[row - 1]) { return false }
        }
        return true
    }

    /// CSR offsets: `result[b] ..< result[b + 1]` holds bucket `b`'s entries.
    private static func offsets(counting buckets: [Int32], buckets count: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: count + 1)
        for b in buckets { offsets[Int(b) + 1] += 1 }
        for b in 0 ..< count { offsets[b + 1] += offsets[b] }
        return offsets
    }
}
