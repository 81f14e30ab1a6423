extension Table {
    /// The rows at `rows`, in that order (like ``gather(_:)``), with the
    /// columns gathered concurrently, one column per task.
    ///
    /// - Complexity: O(`rows.count` × columns) spread over the cores.
    func gatherConcurrently(_ rows: [Int], cancel: Cancellation) throws(RecLabError) -> Table {
        guard rows.count >= 100_000, columns.count > 1 else { return gather(rows) }
        let source = columns
        let parts = try Parallel.mapRanges(count: source.count, minimumChunk: 1) { (range) throws(RecLabError) -> [Column] in
            try range.map { (c) throws(RecLabError) -> Column in
                try cancel.check()
                return source[c].gather(rows)
            }
        }
        return Table(uncheckedColumns: parts.flatMap { $0 }, rowCount: rows.count)
    }
}
