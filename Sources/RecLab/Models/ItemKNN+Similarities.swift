import Synchronization

extension ItemKNN {
    /// Items per unit of parallel work: small enough that the popular items
    /// (which cost most, and cluster at low ids in MovieLens) spread over
    /// every core.
    static let itemsPerBlock = 64

    /// Every kept similarity, as rows sorted most similar first.
    ///
    /// For item i, a dense scratch vector gathers Σ_u x_ui · x_uj for every
    /// item j that shares a rater (walking i's raters in ascending user
    /// order, as LensKit's sparse product does), a bitmap remembers which j
    /// were reached, and the reached items are then read in ascending j —
    /// LensKit's insertion order, which fixes where exact ties land.
    ///
    /// This runs twice: once only to count each row, so that the rows can
    /// then be written straight into place and are never held twice (they
    /// take 12 bytes per similarity: 126 MB for ml-latest-small). The
    /// counting pass sums only the pairs j > i — each user's items ascend,
    /// so those are the items after i in the user's list — and counts each
    /// kept pair for both rows, as sim(i, j) and sim(j, i) are the same sum.
    ///
    /// Each core runs one worker with its own scratch space (a few vectors
    /// as long as the item count) and takes blocks of ``itemsPerBlock``
    /// items from a shared queue until none are left, so the popular items
    /// (which cost most, and cluster at low ids in MovieLens) spread over
    /// the cores, and memory grows with the cores, not the blocks.
    ///
    /// - Throws: ``RecLabError/cancelled`` when `cancel` fires (polled per
    ///   block).
    /// - Complexity: O(Σ_u n_u² + Σ_i s_i log s_i) for s_i kept neighbours
    ///   of item i, over all cores.
    static func similarityRows(_ matrix: RatingMatrix, vectors: ItemVectors, minSimilarity: Double,
                               memoryLimit: Int, cancel: Cancellation) throws(RecLabError)
        -> (offsets: [Int], items: [Int32], similarities: [Double]) {
        let itemCount = matrix.itemCount
        let blocks = BlockQueue(itemCount: itemCount, blockSize: itemsPerBlock)
        let lanes = (0 ..< max(1, min(Parallel.coreCount, blocks.count))).map { $0 ..< $0 + 1 }
        let counted = try Parallel.map(lanes) { (_) throws(RecLabError) -> [Int32] in
            let worker = SimilarityWorker(matrix: matrix, vectors: vectors, minSimilarity: minSimilarity)
            var counts = [Int32](repeating: 0, count: itemCount)
            while let range = blocks.next() {
                try cancel.check()
                worker.countPairs(range, into: &counts)
            }
            return counts
        }
        var offsets = [Int](repeating: 0, count: itemCount + 1)
        for i in 0 ..< itemCount {
            var count = 0
            for lane in counted { count += Int(lane[i]) }
            offsets[i + 1] = offsets[i] + count
        }
        let (bytes, overflow) = offsets[itemCount].multipliedReportingOverflow(by: 12)
        guard !overflow, bytes <= memoryLimit else {
            let gigabytes = (Double(offsets[itemCount]) * 12 / 1e8).rounded() / 10
            throw RecLabError("itemknn would keep \(offsets[itemCount]) similarities (\(gigabytes) GB), more than "
                              + "half this machine's memory; raise min_sim or train on fewer movies", subject: "min_sim")
        }
        var items = [Int32](repeating: 0, count: offsets[itemCount])
        var similarities = [Double](repeating: 0, count: offsets[itemCount])
        let rowStarts = offsets
        try items.withUnsafeMutableBufferPointer { (items) throws(RecLabError) in
            try similarities.withUnsafeMutableBufferPointer { (similarities) throws(RecLabError) in
                guard let itemBase = items.baseAddress, let similarityBase = similarities.baseAddress else { return }
                let rows = RowStore(items: SendablePointer(itemBase), similarities: SendablePointer(similarityBase),
                                    offsets: rowStarts)
                let blocks = BlockQueue(itemCount: itemCount, blockSize: itemsPerBlock)
                _ = try Parallel.map(lanes) { (_) throws(RecLabError) in
                    let worker = SimilarityWorker(matrix: matrix, vectors: vectors, minSimilarity: minSimilarity)
                    while let range = blocks.next() {
                        try cancel.check()
                        worker.fill(range, rows)
                    }
                }
            }
        }
        return (offsets, items, similarities)
    }
}

/// Consecutive blocks of items, handed out one at a time to whichever
/// worker asks next.
private final class BlockQueue: Sendable {
    private let taken = Atomic<Int>(0)
    private let itemCount: Int
    private let blockSize: Int

    init(itemCount: Int, blockSize: Int) {
        self.itemCount = itemCount
        self.blockSize = blockSize
    }

    /// The number of blocks.
    var count: Int { (itemCount + blockSize - 1) / blockSize }

    /// The next block's items, or `nil` when all are handed out.
    func next() -> Range<Int>? {
        let block = taken.wrappingAdd(1, ordering: .relaxed).oldValue
        let start = block * blockSize
        return start < itemCount ? start ..< min(start + blockSize, itemCount) : nil
    }
}

/// Where the rows go: each worker writes the rows of its own items only.
private struct RowStore: Sendable {
    let items: SendablePointer<Int32>
    let similarities: SendablePointer<Double>
    let offsets: [Int]
}

/// One worker's scratch space for building neighbour rows, allocated once
/// per core and touched by that worker's thread only.
private final class SimilarityWorker {
    let matrix: RatingMatrix
    let vectors: ItemVectors
    let minSimilarity: Double
    /// Σ_u x_ui · x_uj so far, per item j; back to 0 after each row.
    let sums: UnsafeMutablePointer<Double>
    /// Bit j set when item j was reached from the current row.
    let reached: UnsafeMutablePointer<UInt64>
    let words: Int
    /// The current row's kept neighbours in ascending item order.
    let kept: UnsafeMutablePointer<HeapEntry>
    let heap: SimilarityHeap

    init(matrix: RatingMatrix, vectors: ItemVectors, minSimilarity: Double) {
        self.matrix = matrix
        self.vectors = vectors
        self.minSimilarity = minSimilarity
        sums = .allocate(capacity: max(matrix.itemCount, 1))
        sums.initialize(repeating: 0, count: max(matrix.itemCount, 1))
        words = (matrix.itemCount + 63) / 64
        reached = .allocate(capacity: max(words, 1))
        reached.initialize(repeating: 0, count: max(words, 1))
        kept = .allocate(capacity: max(matrix.itemCount, 1))
        heap = SimilarityHeap(capacity: matrix.itemCount)
    }

    deinit {
        sums.deallocate()
        reached.deallocate()
        kept.deallocate()
    }

    /// Adds to `counts`, for every item, how many kept pairs (i, j) with i
    /// in `range` and j > i it is part of.
    func countPairs(_ range: Range<Int>, into counts: inout [Int32]) {
        for i in range {
            accumulate(i, after: true)
            let kept = collect(i)
            counts[i] &+= Int32(truncatingIfNeeded: kept)
            for k in 0 ..< kept { counts[Int(self.kept[k].item)] &+= 1 }
        }
    }

    /// Builds, sorts and stores the rows of `range`.
    func fill(_ range: Range<Int>, _ rows: RowStore) {
        for i in range {
            accumulate(i, after: false)
            let count = collect(i)
            heap.removeAll()
            for k in 0 ..< count { heap.insert(item: kept[k].item, similarity: kept[k].similarity) }
            heap.sortDescending()
            heap.write(to: rows.items.pointer + rows.offsets[i], rows.similarities.pointer + rows.offsets[i],
                       limit: rows.offsets[i + 1] - rows.offsets[i])
        }
    }

    /// Adds x_ui · x_uj into `sums[j]` for every rater u of item i and every
    /// item j of u (only the j after i when `after`). Zero values are
    /// skipped, as LensKit's sparse matrix does not store them (so a pair
    /// sharing only such raters is never reached).
    private func accumulate(_ i: Int, after: Bool) {
        let sums = sums, reached = reached
        matrix.itemUsers.withUnsafeBufferPointer { itemUsers in
        matrix.userItems.withUnsafeBufferPointer { userItems in
        matrix.userOffsets.withUnsafeBufferPointer { userOffsets in
        vectors.byUser.withUnsafeBufferPointer { byUser in
            for k in matrix.entries(ofItem: i) {
                let xi = vectors.byItem[k]
                if xi == 0 { continue }
                let u = Int(itemUsers[k])
                let first = after ? vectors.userPosition[k] &+ 1 : userOffsets[u]
                for f in first ..< userOffsets[u &+ 1] {
                    let xj = byUser[f]
                    if xj == 0 { continue }
                    let j = Int(userItems[f])
                    sums[j] += xi * xj
                    reached[j &>> 6] |= 1 &<< UInt64(j & 63)
                }
            }
        }
        }
        }
        }
    }

    /// Puts every reached item j ≠ i with sim ≥ `min_sim` in `kept`, in
    /// ascending j, and returns how many; clears the scratch space on the
    /// way. Every candidate is written and the count advanced only for the
    /// kept ones, as the test is a coin toss a branch would mispredict.
    private func collect(_ i: Int) -> Int {
        let minimum = minSimilarity
        var count = 0
        for word in 0 ..< words where reached[word] != 0 {
            var bits = reached[word]
            reached[word] = 0
            while bits != 0 {
                let j = word &* 64 &+ bits.trailingZeroBitCount
                bits &= bits &- 1
                let s = sums[j]
                sums[j] = 0
                kept[count] = HeapEntry(similarity: s, item: Int32(truncatingIfNeeded: j))
                count &+= (j != i && s >= minimum) ? 1 : 0
            }
        }
        return count
    }
}
