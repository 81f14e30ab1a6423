/// How many rows `sample` keeps.
public enum SampleSize: Sendable, Equatable {
    /// Exactly this many rows (shared out among strata, see
    /// ``Table/sample(_:by:seed:cancel:)``).
    case count(Int)
    /// This share of the rows, between 0 and 1.
    case fraction(Double)
}

extension Table {
    /// A random subset of the rows, in their original order; the same seed
    /// gives the same rows on every platform.
    ///
    /// The total kept is the asked count, or round(rows × fraction) with
    /// halves rounded up. With `strata`, the rows are sampled within each
    /// stratum (each distinct combination of the columns' values, a missing
    /// value counting as one more value), and each stratum keeps its share
    /// of that total (see ``Table/apportion(_:among:seed:)``): its quota
    /// rounded down or up, up with a chance equal to the quota's fraction,
    /// the total exact. The first column's groups (each movie, for `movieId,
    /// rating`) also keep their share rounded down or up.
    ///
    /// - Throws: ``RecLabError`` for a negative count, a count above the
    ///   number of rows, a fraction outside 0…1, an unknown column, or
    ///   cancellation.
    /// - Complexity: O(rows × columns + strata × log strata): one random draw
    ///   per row, one hash or array lookup per row and column.
    public func sample(_ size: SampleSize, by strata: [String] = [], seed: UInt64,
                       cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let total: Int
        switch size {
        case .count(let n):
            guard n >= 0 else { throw RecLabError("cannot sample a negative number of rows (\(n))", subject: String(n)) }
            guard n <= rowCount else {
                throw RecLabError("cannot sample \(n) rows from a table of \(rowCount)", subject: String(n))
            }
            total = n
        case .fraction(let f):
            total = Table.share(rowCount, try Table.checkedFraction(f))
        }
        guard !strata.isEmpty else {
            return gather(try randomRows(keeping: [total], groups: nil, seed: seed, cancel: cancel).0)
        }
        let (groups, sizes) = try self.strata(strata, cancel: cancel)
        let keep = Table.apportion(total, among: sizes, seed: seed)
        return gather(try randomRows(keeping: keep, groups: groups, seed: seed, cancel: cancel).0)
    }

    /// A random split of the rows into two tables, both in original row
    /// order: the first holds round(fraction × rows) rows (halves rounded
    /// up), the second the rest. The same seed gives the same split.
    ///
    /// - Throws: ``RecLabError`` for a fraction outside 0…1, or cancellation.
    /// - Complexity: O(rows).
    public func split(fraction: Double, seed: UInt64, cancel: Cancellation = .never) throws(RecLabError) -> (Table, Table) {
        let share = Table.share(rowCount, try Table.checkedFraction(fraction))
        let (kept, rest) = try randomRows(keeping: [share], groups: nil, seed: seed, cancel: cancel)
        return (gather(kept), gather(rest))
    }

    /// round(`size` × `fraction`), halves away from zero, within 0…size.
    static func share(_ size: Int, _ fraction: Double) -> Int {
        let wanted = (Double(size) * fraction).rounded(.toNearestOrAwayFromZero)
        return wanted.isFinite ? max(0, min(size, Int(wanted))) : 0
    }

    static func checkedFraction(_ f: Double) throws(RecLabError) -> Double {
        guard f.isFinite, f >= 0, f <= 1 else {
            throw RecLabError("a share of rows must be between 0% and 100%, not \((f * 100).formatted(maxFractionDigits: 4))%")
        }
        return f
    }

    /// Selection sampling (Knuth's algorithm S) within each group at once:
    /// walking the rows in order, a row of group g is kept with probability
    /// (still to keep in g) ÷ (still to see in g), which keeps exactly
    /// `keeping[g]` rows of g, every such subset equally likely.
    ///
    /// - Returns: the kept rows and the others, both ascending.
    func randomRows(keeping: [Int], groups: [Int32]?, seed: UInt64,
                            cancel: Cancellation) throws(RecLabError) -> ([Int], [Int]) {
        var generator = SeededGenerator(seed: seed)
        var needed = keeping
        var unseen = [Int](repeating: 0, count: keeping.count)
        if let groups { for g in groups { unseen[Int(g)] += 1 } } else { unseen[0] = rowCount }
        var kept: [Int] = [], rest: [Int] = []
        kept.reserveCapacity(keeping.reduce(0, +))
        rest.reserveCapacity(rowCount - kept.capacity)
        for row in 0..<rowCount {
            if row & 0xFFFFF == 0 { try cancel.check() }
            let g = groups.map { Int($0[row]) } ?? 0
            if generator.next(below: unseen[g]) < needed[g] {
                kept.append(row)
                needed[g] -= 1
            } else {
                rest.append(row)
            }
            unseen[g] -= 1
        }
        return (kept, rest)
    }
}
