extension Table {
    /// The rows ordered by `keys` (the first key first), stably: rows that
    /// tie on every key keep their input order. Missing cells go last in
    /// both directions; text orders by Unicode string order
    /// (case-sensitive: "Z" before "a").
    ///
    /// - Throws: ``RecLabError`` for an unknown column, or cancellation.
    /// - Complexity: O(rows × keys): a radix sort of precomputed integer codes.
    public func sorted(by keys: [SortKey], cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let order = try sortedRowOrder(keys, cancel: cancel)
        try cancel.check()
        return try gatherConcurrently(order, cancel: cancel)
    }

    /// The first `n` rows of the table sorted by `column` descending (ties
    /// in input order; missing values never come before a value). Equal to
    /// `sorted(by: [SortKey(column: column, descending: true)]).head(n)`.
    ///
    /// - Complexity: O(rows × log n) for small `n`, else a full sort.
    public func top(_ n: Int, by column: String, cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let wanted = max(0, min(n, rowCount))
        let source = try requireColumn(column)
        if wanted * 8 > rowCount {
            return try sorted(by: [SortKey(column: column, descending: true)], cancel: cancel).head(wanted)
        }
        let codes = source.sortCodes(descending: true)
        try cancel.check()
        var best = BoundedBest(capacity: wanted)
        if codes.count == 1 {
            let key = codes[0]
            for row in 0..<rowCount {
                if row & 0xFFFFF == 0 { try cancel.check() }
                best.offer(SortEntry(high: 0, low: key[row], row: row))
            }
        } else {
            let (flags, key) = (codes[0], codes[1])
            for row in 0..<rowCount {
                if row & 0xFFFFF == 0 { try cancel.check() }
                best.offer(SortEntry(high: flags[row], low: key[row], row: row))
            }
        }
        return gather(best.sortedRows())
    }

    /// The row indices in sorted order (see ``sorted(by:cancel:)``).
    func sortedRowOrder(_ keys: [SortKey], cancel: Cancellation) throws(RecLabError) -> [Int] {
        var codes: [[UInt64]] = []
        for key in keys {
            codes += try requireColumn(key.column).sortCodes(descending: key.descending)
            try cancel.check()
        }
        if codes.isEmpty { return Array(0..<rowCount) }
        return try RadixSort.order(codes, count: rowCount, cancel: cancel)
    }
}

/// A row with up to two sort codes, ordered by codes then row.
struct SortEntry: Comparable {
    var high: UInt64
    var low: UInt64
    var row: Int

    static func < (a: SortEntry, b: SortEntry) -> Bool {
        if a.high != b.high { return a.high < b.high }
        if a.low != b.low { return a.low < b.low }
        return a.row < b.row
    }
}

/// The `capacity` smallest entries offered so far, kept in a max-heap.
struct BoundedBest {
    private var heap: [SortEntry] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    /// Keeps `entry` if it is among the smallest seen.
    ///
    /// - Complexity: O(log capacity).
    mutating func offer(_ entry: SortEntry) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[parent] < heap[child] else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if entry < heap[0] {
            heap[0] = entry
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                var largest = left
                if left + 1 < heap.count, heap[left] < heap[left + 1] { largest = left + 1 }
                guard heap[parent] < heap[largest] else { break }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
    }

    /// The kept rows, smallest entry first.
    func sortedRows() -> [Int] { heap.sorted().map(\.row) }
}
