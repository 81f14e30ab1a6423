/// Which rows a join keeps.
public enum JoinKind: String, Sendable, CaseIterable {
    /// Only left rows with a matching right row.
    case inner
    /// Every left row; right columns missing where nothing matched.
    case left
}

extension Table {
    /// The most cells (rows × columns) a join builds: 4 GB of 8-byte cells.
    public static let maximumJoinCells = 500_000_000

    /// This table's rows joined with `right`'s rows of equal `key`.
    ///
    /// The result has the left rows in left order, each repeated once per
    /// matching right row (in right order); its columns are all of this
    /// table's, then `right`'s except its key. A right column whose name is
    /// already taken gets the suffix `_right` (`_right2`, … if that is taken
    /// too). Missing keys match nothing.
    ///
    /// - Parameters:
    ///   - key: the column to match on; by default the one column name the
    ///     two tables share.
    ///   - kind: `.inner` drops unmatched left rows, `.left` keeps them with
    ///     missing right cells.
    /// - Throws: ``RecLabError`` when the key is absent or ambiguous, the
    ///   key types differ (text against numbers), the result would have
    ///   more than ``maximumJoinCells`` cells (counted before anything is
    ///   built), or on cancellation.
    /// - Complexity: O(left rows + right rows + result rows), on all cores.
    public func join(_ right: Table, on key: String? = nil, kind: JoinKind = .inner,
                     cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let keyName = try joinKey(with: right, given: key)
        let leftKey = try requireColumn(keyName)
        guard let rightKey = right.column(named: keyName) else {
            var error = right.unknownColumn(keyName)
            error.message = "the right table has no column '\(keyName)'"
                + (Suggestion.nearest(to: keyName, in: right.columnNames).map { "; did you mean '\($0)'?" } ?? "")
            throw error
        }
        let index = try JoinIndex(left: leftKey, right: rightKey, cancel: cancel)
        let width = columns.count + right.columns.count - 1
        let pairs = try JoinPairs(index, keepUnmatched: kind == .left, width: width, cancel: cancel)
        try cancel.check()

        var names = Set(columnNames)
        var rightColumns: [Column] = []
        for column in right.columns where column.name != keyName {
            var name = column.name
            if names.contains(name) {
                name = column.name + "_right"
                var n = 2
                while names.contains(name) { name = column.name + "_right\(n)"; n += 1 }
            }
            names.insert(name)
            rightColumns.append(column.renamed(name))
        }
        // Gather every column on the workers, one column per task.
        let leftColumns = columns, renamedRight = rightColumns
        let total = leftColumns.count + renamedRight.count
        let built = try Parallel.mapRanges(count: total, minimumChunk: 1) { (range) throws(RecLabError) -> [Column] in
            try range.map { (c) throws(RecLabError) -> Column in
                try cancel.check()
                if c < leftColumns.count {
                    guard let rows = pairs.leftRows else { return leftColumns[c] }
                    return leftColumns[c].gather(rows)
                }
                let column = renamedRight[c - leftColumns.count]
                return pairs.anyUnmatched ? column.gatherAllowingMissing(pairs.rightRows) : column.gather(pairs.rightRows)
            }
        }
        return Table(uncheckedColumns: built.flatMap { $0 }, rowCount: pairs.rightRows.count)
    }

    /// The key to join on: `given`, or the one column name both tables share.
    private func joinKey(with right: Table, given: String?) throws(RecLabError) -> String {
        if let given { return given }
        let shared = columnNames.filter { right.index(of: $0) != nil }
        if shared.count == 1 { return shared[0] }
        if shared.isEmpty {
            throw RecLabError("the tables share no column name; say which to match with 'on COL' (left: \(Suggestion.list(columnNames)); right: \(Suggestion.list(right.columnNames)))")
        }
        throw RecLabError("the tables share several columns (\(shared.joined(separator: ", "))); pick the key with 'on COL'",
                          subject: shared[0])
    }
}

/// Which left row and which right row (-1 for none) make each result row.
private struct JoinPairs: Sendable {
    /// The left row of each result row; `nil` when it is every left row in
    /// order (each matched once), so the left columns are reused as they are.
    let leftRows: [Int]?
    /// The right row of each result row, -1 where a left row matched nothing.
    let rightRows: [Int]
    /// Whether some result row has no right row.
    let anyUnmatched: Bool

    /// The pairs of a join whose result has `width` columns.
    ///
    /// - Throws: ``RecLabError`` when the result would have more than
    ///   ``Table/maximumJoinCells`` cells: two tables of 100,836 rows with
    ///   one key value make 10 billion rows, which asked 8.6 GB and aborted.
    init(_ index: JoinIndex, keepUnmatched: Bool, width: Int, cancel: Cancellation) throws(RecLabError) {
        let rows = index.leftSlots.count
        // Count what each range of left rows produces, to see whether the
        // join is one result row per left row (the common case).
        let counts = try Parallel.mapRanges(count: rows, minimumChunk: 1 << 18) { (range) throws(RecLabError) -> (Int, Bool, Bool) in
            try cancel.check()
            var produced = 0, oneEach = true, unmatched = false
            index.leftSlots.withUnsafeBufferPointer { slots in
                index.firstRow.withUnsafeBufferPointer { first in
                    index.nextRow.withUnsafeBufferPointer { next in
                        for i in range {
                            let slot = slots[i]
                            var r = slot < 0 ? -1 : first[Int(slot)]
                            if r < 0 {
                                unmatched = true
                                if keepUnmatched { produced += 1 } else { oneEach = false }
                                continue
                            }
                            var matches = 0
                            while r >= 0 { matches += 1; r = next[Int(r)] }
                            produced += matches
                            if matches != 1 { oneEach = false }
                        }
                    }
                }
            }
            return (produced, oneEach, unmatched)
        }
        let total = counts.reduce(0) { $0 + $1.0 }
        let (cells, overflow) = total.multipliedReportingOverflow(by: max(1, width))
        guard !overflow, cells <= Table.maximumJoinCells else {
            throw RecLabError("join would make \(total.groupedDigits) rows of \(width) column\(width == 1 ? "" : "s"), more than the "
                              + "\(Table.maximumJoinCells.groupedDigits) cells a join may build; filter the tables first "
                              + "or join on a column whose values repeat less")
        }
        anyUnmatched = keepUnmatched && counts.contains { $0.2 }
        if counts.allSatisfy(\.1) {
            leftRows = nil
            rightRows = try Parallel.fill(count: rows, initial: -1, cancel: cancel) { range, out in
                index.leftSlots.withUnsafeBufferPointer { slots in
                    index.firstRow.withUnsafeBufferPointer { first in
                        for i in range {
                            let slot = slots[i]
                            out[i] = slot < 0 ? -1 : Int(first[Int(slot)])
                        }
                    }
                }
            }
            return
        }
        let parts = try Parallel.mapRanges(count: rows, minimumChunk: 1 << 18) { (range) throws(RecLabError) -> ([Int], [Int]) in
            try cancel.check()
            var lefts: [Int] = [], rights: [Int] = []
            for i in range {
                let slot = index.leftSlots[i]
                var r = slot < 0 ? -1 : index.firstRow[Int(slot)]
                if r < 0 {
                    if keepUnmatched { lefts.append(i); rights.append(-1) }
                    continue
                }
                while r >= 0 {
                    lefts.append(i)
                    rights.append(Int(r))
                    r = index.nextRow[Int(r)]
                }
            }
            return (lefts, rights)
        }
        leftRows = parts.flatMap(\.0)
        rightRows = parts.flatMap(\.1)
    }
}
