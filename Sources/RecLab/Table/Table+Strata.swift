extension Table {
    /// Each row's stratum for stratified sampling: rows with equal values in
    /// every one of `columns` share a stratum (a missing value counts as one
    /// more value, after the others). Strata are numbered from 0 in order of
    /// their values, the first column first, so the strata of one value of
    /// the first column (one movie's scores) are consecutive.
    ///
    /// - Returns: the stratum of each row, and the number of rows in each.
    /// - Throws: ``RecLabError`` for an unknown column, or cancellation.
    /// - Complexity: O(rows × columns): each column is grouped, then folded
    ///   into the strata so far through an array (when the pairs are few
    ///   enough to index one) or a hash map.
    func strata(_ columns: [String], cancel: Cancellation) throws(RecLabError) -> (rows: [Int32], sizes: [Int]) {
        var ids = [Int32](repeating: 0, count: rowCount)
        var count = 1
        for name in columns {
            let index = try GroupIndex(try requireColumn(name), cancel: cancel)
            // Rows with a missing value form one more group, numbered last.
            let missing = Int32(index.count), width = index.count + 1
            var next: Int32 = 0  // first come, first numbered; renumbered in order below
            var rank: [Int32] = []
            if count * width <= max(1 << 16, 4 * rowCount) {
                var dense = [Int32](repeating: -1, count: count * width)
                for row in 0 ..< rowCount {
                    if row & 0xFFFFF == 0 { try cancel.check() }
                    let g = index.rowGroups[row]
                    let pair = Int(ids[row]) * width + Int(g < 0 ? missing : g)
                    if dense[pair] < 0 { dense[pair] = next; next += 1 }
                    ids[row] = dense[pair]
                }
                rank = [Int32](repeating: 0, count: Int(next))
                var k: Int32 = 0
                for pair in dense.indices where dense[pair] >= 0 { rank[Int(dense[pair])] = k; k += 1 }
            } else {
                var hashed: [Int: Int32] = [:]
                for row in 0 ..< rowCount {
                    if row & 0xFFFFF == 0 { try cancel.check() }
                    let g = index.rowGroups[row]
                    let pair = Int(ids[row]) * width + Int(g < 0 ? missing : g)
                    if let id = hashed[pair] { ids[row] = id } else {
                        hashed[pair] = next
                        ids[row] = next
                        next += 1
                    }
                }
                rank = [Int32](repeating: 0, count: Int(next))
                for (k, entry) in hashed.sorted(by: { $0.key < $1.key }).enumerated() { rank[Int(entry.value)] = Int32(k) }
            }
            for row in ids.indices { ids[row] = rank[Int(ids[row])] }
            count = Int(next)
        }
        var sizes = [Int](repeating: 0, count: count)
        for id in ids { sizes[Int(id)] += 1 }
        return (ids, sizes)
    }

    /// Shares `total` out among groups of `sizes` rows in proportion to
    /// their sizes: each group gets its quota size × total ÷ rows rounded
    /// down, plus one more with a chance equal to the quota's fraction, by
    /// systematic rounding: the fractions are laid end to end in the groups'
    /// order, and a group gets one more for each point of a comb of unit
    /// spacing (its start drawn from `seed`) that falls in its stretch.
    ///
    /// So each group gets its quota rounded down or up, the shares add up to
    /// `total` exactly, and no group is favoured on average: each one's
    /// expected share is its exact quota. (Giving the units to the largest
    /// remainders instead would starve small groups: sampling 10% of the
    /// curated ratings by movie and score kept 8 of the 599 half-star
    /// ratings, not about 60.)
    /// Consecutive groups (one movie's scores) together also get their
    /// summed quota rounded down or up. Quotas are exact integer fractions,
    /// so no rounding error can move a unit.
    ///
    /// - Precondition: 0 ≤ `total` ≤ the sum of `sizes` (below 2³¹).
    /// - Complexity: O(groups).
    static func apportion(_ total: Int, among sizes: [Int], seed: UInt64) -> [Int] {
        let rows = sizes.reduce(0, +)
        guard rows > 0 else { return sizes.map { _ in 0 } }
        var generator = SeededGenerator(seed: seed ^ 0x5354_5241_5441_0001)
        // Fractions are counted in units of 1/rows; the comb's teeth sit at
        // start, start + rows, start + 2·rows, …
        let start = generator.next(below: rows)
        var shares: [Int] = [], reached = 0, teeth = 0
        shares.reserveCapacity(sizes.count)
        for size in sizes {
            let product = size * total
            reached += product % rows
            // The teeth below `reached`: ⌈(reached − start) ÷ rows⌉.
            let below = reached > start ? (reached - start + rows - 1) / rows : 0
            shares.append(product / rows + below - teeth)
            teeth = below
        }
        return shares
    }
}
