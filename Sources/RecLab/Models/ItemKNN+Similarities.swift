/// The neighbour rows of a block of consecutive items, as one worker built
/// them.
struct SimilarityBlock: Sendable {
    /// The number of neighbours of each item of the block.
    var counts: [Int] = []
    /// The neighbours' item indices, row after row.
    var items: [Int32] = []
    /// Their similarities, aligned with ``items``.
    var similarities: [Double] = []
}

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
    /// - Throws: ``RecLabError/cancelled`` when `cancel` fires.
    /// - Complexity: O(Σ_u n_u² + Σ_i s_i log s_i); items are spread over
    ///   all cores in blocks of ``itemsPerBlock``.
    static func similarityRows(_ matrix: RatingMatrix, vectors: ItemVectors, minSimilarity: Double,
                               cancel: Cancellation) throws(RecLabError)
        -> (offsets: [Int], items: [Int32], similarities: [Double]) {
        let itemCount = matrix.itemCount
        let blocks = stride(from: 0, to: itemCount, by: itemsPerBlock).map { $0 ..< min($0 + itemsPerBlock, itemCount) }
        let built = try Parallel.map(blocks) { (range) throws(RecLabError) -> SimilarityBlock in
            try cancel.check()
            return SimilarityWorker(matrix: matrix, vectors: vectors, minSimilarity: minSimilarity).rows(range)
        }
        var offsets = [Int](repeating: 0, count: itemCount + 1)
        var i = 0
        for block in built {
            for count in block.counts {
                offsets[i + 1] = offsets[i] + count
                i += 1
            }
        }
        let total = offsets[itemCount]
        var items = [Int32](repeating: 0, count: total)
        var similarities = [Double](repeating: 0, count: total)
        var start = 0
        for block in built {
            items.replaceSubrange(start ..< start + block.items.count, with: block.items)
            similarities.replaceSubrange(start ..< start + block.similarities.count, with: block.similarities)
            start += block.items.count
        }
        return (offsets, items, similarities)
    }
}

/// One worker's scratch space for building neighbour rows, allocated once
/// per block and touched by that worker's thread only.
private final class SimilarityWorker {
    let matrix: RatingMatrix
    let vectors: ItemVectors
    let minSimilarity: Double
    /// Σ_u x_ui · x_uj so far, per item j; back to 0 after each row.
    let sums: UnsafeMutablePointer<Double>
    /// Bit j set when item j was reached from the current row.
    let reached: UnsafeMutablePointer<UInt64>
    let words: Int
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
        heap = SimilarityHeap(capacity: matrix.itemCount)
    }

    deinit {
        sums.deallocate()
        reached.deallocate()
    }

    func rows(_ range: Range<Int>) -> SimilarityBlock {
        var block = SimilarityBlock()
        block.counts.reserveCapacity(range.count)
        for i in range {
            accumulate(i)
            collect(i)
            heap.sortDescending()
            block.counts.append(heap.count)
            heap.append(to: &block.items, &block.similarities)
        }
        return block
    }

    /// Adds x_ui · x_uj into `sums[j]` for every rater u of item i and every
    /// item j of u. Zero values are skipped, as LensKit's sparse matrix does
    /// not store them (so a pair sharing only such raters is never reached).
    private func accumulate(_ i: Int) {
        let sums = sums, reached = reached
        matrix.itemUsers.withUnsafeBufferPointer { itemUsers in
        matrix.userItems.withUnsafeBufferPointer { userItems in
        matrix.userOffsets.withUnsafeBufferPointer { userOffsets in
        vectors.byUser.withUnsafeBufferPointer { byUser in
            for k in matrix.entries(ofItem: i) {
                let xi = vectors.byItem[k]
                if xi == 0 { continue }
                let u = Int(itemUsers[k])
                for f in userOffsets[u] ..< userOffsets[u &+ 1] {
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

    /// Offers every reached item j ≠ i with sim ≥ `min_sim` to the heap in
    /// ascending j, clearing the scratch space on the way.
    private func collect(_ i: Int) {
        heap.removeAll()
        let minimum = minSimilarity
        for word in 0 ..< words where reached[word] != 0 {
            var bits = reached[word]
            reached[word] = 0
            while bits != 0 {
                let j = word &* 64 &+ bits.trailingZeroBitCount
                bits &= bits &- 1
                let s = sums[j]
                sums[j] = 0
                if j != i && s >= minimum { heap.insert(item: Int32(truncatingIfNeeded: j), similarity: s) }
            }
        }
    }
}
