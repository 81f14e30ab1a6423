/// The blocks the training ratings are stored and trained in.
///
/// Users and movies are each cut into `grid` groups of contiguous indices
/// with about equal rating counts; block (a, b) holds the ratings of user
/// group a and movie group b, in a fixed random order. An epoch runs `grid`
/// rounds; in round s the blocks (a, a + s mod grid) share no user and no
/// movie (DSGD's strata), so they can be trained at once without any row
/// being touched by two workers, and one block's rows fit in the cache
/// while a worker trains it (``MatrixFactorization/grid(for:parameters:)``).
/// Below ``MatrixFactorization/parallelRatings`` there is one block: the
/// plain shuffle.
struct MFStrata: Sendable {
    /// User (and movie) groups; blocks are `grid × grid`.
    let grid: Int
    /// Block `a * grid + b`'s ratings in ``MFState/train``.
    let blocks: [Range<Int>]
    /// Each user group's run of user indices, and each movie group's.
    let userRanges: [Range<Int>], itemRanges: [Range<Int>]
    private let userGroup: [Int32], itemGroup: [Int32]

    /// Runs of users the cores split the layout between, and where each
    /// run's ratings start in each block (`cursors[run][block]`).
    private let userRuns: [Range<Int>], cursors: [[Int]]

    /// The blocks of `matrix`'s ratings that are not `held` out.
    ///
    /// - Complexity: O(ratings), split over the cores.
    init(matrix: RatingMatrix, held: [Bool], grid: Int) {
        self.grid = grid
        let userGroup = MFStrata.groups(offsets: matrix.userOffsets, count: grid)
        let itemGroup = MFStrata.groups(offsets: matrix.itemOffsets, count: grid)
        (self.userGroup, self.itemGroup) = (userGroup, itemGroup)
        userRanges = MFStrata.runs(userGroup, count: grid)
        itemRanges = MFStrata.runs(itemGroup, count: grid)
        // Each run of users counts its ratings per block; a block holds run
        // 0's ratings, then run 1's…, so the layout is the same however the
        // users are split.
        let runs = Parallel.ranges(weightedBy: matrix.userOffsets, minimumWeight: 1 << 20)
        let counts = Parallel.collect(runs) { range in
            var count = [Int](repeating: 0, count: grid * grid)
            for u in range {
                let row = Int(userGroup[u]) * grid
                for k in matrix.entries(ofUser: u) where !held[k] { count[row + Int(itemGroup[Int(matrix.userItems[k])])] += 1 }
            }
            return count
        }
        var cursors = counts.map { _ in [Int](repeating: 0, count: grid * grid) }
        var blocks: [Range<Int>] = []
        var start = 0
        for b in 0 ..< grid * grid {
            let lower = start
            for r in counts.indices {
                cursors[r][b] = start
                start += counts[r][b]
            }
            blocks.append(lower ..< start)
        }
        (self.blocks, userRuns, self.cursors) = (blocks, runs, cursors)
    }

    /// The training ratings (those not `held`) laid out as ``blocks`` says,
    /// each block in a random order drawn from `seed`.
    ///
    /// - Complexity: O(ratings), split over the cores.
    func order(matrix: RatingMatrix, held: [Bool], seed: UInt64) -> [MFRating] {
        let count = blocks.last?.upperBound ?? 0
        var train = [MFRating](repeating: MFRating(user: 0, item: 0, rating: 0), count: count)
        let (blocks, grid, userGroup, itemGroup) = (self.blocks, self.grid, self.userGroup, self.itemGroup)
        let (runs, cursors) = (userRuns, self.cursors)
        train.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let shared = SendablePointer(base)
            Parallel.forEach(runs.indices.map { $0 ..< $0 + 1 }) { which in
                let r = which.lowerBound
                var next = cursors[r]
                for u in runs[r] {
                    let row = Int(userGroup[u]) * grid
                    for k in matrix.entries(ofUser: u) where !held[k] {
                        let item = matrix.userItems[k]
                        let b = row + Int(itemGroup[Int(item)])
                        shared.pointer[next[b]] = MFRating(user: Int32(truncatingIfNeeded: u), item: item,
                                                           rating: Float(matrix.userRatings[k]))
                        next[b] += 1
                    }
                }
            }
            Parallel.forEach(Parallel.ranges(count: blocks.count, minimumChunk: 1)) { range in
                for b in range {
                    // Each block's shuffle has its own stream, so it does not
                    // depend on how the blocks are split between workers.
                    var generator = SeededGenerator(seed: seed ^ (UInt64(b) &* 0xD1B5_4A32_D192_ED03))
                    let block = blocks[b]
                    for k in stride(from: block.count - 1, to: 0, by: -1) {
                        let other = generator.next(below: k + 1)
                        swap(&shared.pointer[block.lowerBound + k], &shared.pointer[block.lowerBound + other])
                    }
                }
            }
        }
        return train
    }

    /// The run of indices of each of `count` groups (groups are contiguous and ascending).
    static func runs(_ group: [Int32], count: Int) -> [Range<Int>] {
        var bounds = [Int](repeating: 0, count: count + 1)
        for g in group { bounds[Int(g) + 1] += 1 }
        for g in 0 ..< count { bounds[g + 1] += bounds[g] }
        return (0 ..< count).map { bounds[$0] ..< bounds[$0 + 1] }
    }

    /// The group of each row when rows (weighted by their CSR entry counts)
    /// are cut into `count` contiguous runs of about equal weight.
    static func groups(offsets: [Int], count: Int) -> [Int32] {
        let rows = offsets.count - 1
        var group = [Int32](repeating: 0, count: max(0, rows))
        guard count > 1, rows > 0, let total = offsets.last else { return group }
        var g: Int32 = 0
        for r in 0 ..< rows {
            // Move to the next group once this row starts past its share.
            while Int(g) < count - 1, offsets[r] >= total * (Int(g) + 1) / count { g += 1 }
            group[r] = g
        }
        return group
    }
}
