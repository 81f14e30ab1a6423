/// How much of each group a per-group split holds out.
public enum HoldOutSize: Sendable, Equatable {
    /// round(n × fraction) of a group of n, halves to even as Python's
    /// `round` (LensKit's `SampleFrac`).
    case fraction(Double)
    /// This many of each group, or the whole group when it is smaller
    /// (LensKit's `SampleN`).
    case count(Int)

    /// How many of a group of `size` are held out.
    func count(of size: Int) -> Int {
        switch self {
        case .fraction(let f): return max(0, min(size, Int((Double(size) * f).rounded(.toNearestOrEven))))
        case .count(let n): return min(size, n)
        }
    }
}

extension Table {
    /// Splits the rows of each group (each distinct value of the columns
    /// `by`: each user, for `userId`) into what is kept and what is held
    /// out, both tables in original row order: at random (the same seed
    /// gives the same split), or with `latest`, each group's most recent
    /// rows by that column (ties to the later row). LensKit's
    /// `partition_users`/`sample_users` with `SampleFrac` or `SampleN`, and
    /// its temporal `LastFrac`/`LastN`.
    ///
    /// - Throws: ``RecLabError`` for an unknown column, a `latest` column
    ///   that is not numeric, a fraction outside 0…1, a negative count, or
    ///   cancellation.
    /// - Complexity: O(rows) at random; O(rows log rows) by `latest`.
    public func holdOut(_ size: HoldOutSize, by groupColumns: [String], latest: String? = nil, seed: UInt64,
                        cancel: Cancellation = .never) throws(RecLabError) -> (kept: Table, heldOut: Table) {
        switch size {
        case .fraction(let f): _ = try Table.checkedFraction(f)
        case .count(let n):
            guard n >= 0 else { throw RecLabError("cannot hold out a negative number of rows (\(n))", subject: String(n)) }
        }
        let (groups, sizes) = try strata(groupColumns, cancel: cancel)
        let held = sizes.map { size.count(of: $0) }
        guard let latest else {
            let (out, kept) = try randomRows(keeping: held, groups: groups, seed: seed, cancel: cancel)
            return (gather(kept), gather(out))
        }
        let time = try requireColumn(latest)
        guard time.type != .text else {
            throw RecLabError("'\(latest)' holds text, not times: 'last' needs a numeric column such as timestamp", subject: latest)
        }
        var members = [[Int]](repeating: [], count: sizes.count)
        for row in 0..<rowCount { members[Int(groups[row])].append(row) }
        var isHeld = [Bool](repeating: false, count: rowCount)
        for (g, rows) in members.enumerated() where held[g] > 0 {
            try cancel.check()
            // Missing times sort first: they are never the most recent.
            let ordered = rows.sorted { a, b in
                let (x, y) = (time.number(at: a) ?? -.infinity, time.number(at: b) ?? -.infinity)
                return x != y ? x < y : a < b
            }
            for row in ordered.suffix(held[g]) { isHeld[row] = true }
        }
        let out = (0..<rowCount).filter { isHeld[$0] }, kept = (0..<rowCount).filter { !isHeld[$0] }
        return (gather(kept), gather(out))
    }
}
