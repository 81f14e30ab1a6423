import Foundation

/// One training rating, packed so a minibatch is one sequential read.
struct MFRating: Sendable {
    var user: Int32
    var item: Int32
    var rating: Float
}

/// The rows of one side (users or movies): each row is `width` floats, the
/// vector's `factors` numbers, then the bias, then zeros up to a multiple of
/// 8 so the kernel works in whole `SIMD8` lanes. Adam's two moments sit in
/// arrays of the same shape.
struct MFTable: Sendable {
    var params: [Float]
    var m: [Float]
    var v: [Float]

    /// `rows` rows drawn from fast.ai's initialisation (truncated normal,
    /// σ = 0.01, cut at ±2σ) for the vector and bias, zero padding.
    init(rows: Int, factors: Int, width: Int, generator: inout SeededGenerator) {
        params = [Float](repeating: 0, count: rows * width)
        for r in 0 ..< rows {
            for f in 0 ... factors { params[r * width + f] = Float(0.01 * generator.truncatedNormal()) }
        }
        m = [Float](repeating: 0, count: rows * width)
        v = m
    }

    /// A private copy of the rows for a training epoch to write, in memory
    /// that asks for 2 MB pages: the rows are read at random, and at 33.8M
    /// ratings (220 MB of user rows) 4 kB pages make nearly every touch a
    /// TLB miss. Copying here also replaces the copy-on-write copy the
    /// epoch's first write would make of rows shared with the last snapshot.
    ///
    /// - Complexity: O(rows × width).
    func privateCopy() -> MFTable {
        var copy = self
        copy.params = MFTable.copy(params)
        copy.m = MFTable.copy(m)
        copy.v = MFTable.copy(v)
        return copy
    }

    private static func copy(_ source: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            if let base = buffer.baseAddress {
                MappedFile.preferHugePages(UnsafeMutableRawPointer(base), source.count * MemoryLayout<Float>.stride)
                source.withUnsafeBufferPointer { s in
                    if let from = s.baseAddress { base.update(from: from, count: source.count) }
                }
            }
            initialized = source.count
        }
    }
}

/// Everything training changes, plus the split it trains on.
struct MFState: Sendable {
    /// Floats per row (factors + bias, rounded up to 8).
    let width: Int
    var users: MFTable
    var items: MFTable
    /// Adam steps taken over the model's life (for the moments' debiasing).
    var step: Int
    /// The training ratings in a fixed random order, grouped into
    /// `workers × workers` blocks: block `a * workers + b` holds users of
    /// group `a` and movies of group `b`.
    let train: [MFRating]
    /// The ranges of ``train`` per block.
    let blocks: [Range<Int>]
    /// How many workers train at once (1 below ``MatrixFactorization/parallelRatings``).
    let workers: Int
    /// The held-out ratings.
    let valid: [MFRating]

    /// Splits `matrix` by `parameters.seed` and draws the initial rows.
    init(matrix: RatingMatrix, parameters: MatrixFactorization.Parameters, workers: Int) {
        var generator = SeededGenerator(seed: parameters.seed)
        width = (parameters.factors + 1 + 7) / 8 * 8
        users = MFTable(rows: matrix.userCount, factors: parameters.factors, width: width, generator: &generator)
        items = MFTable(rows: matrix.itemCount, factors: parameters.factors, width: width, generator: &generator)
        step = 0

        // A seeded Fisher–Yates permutation of the entries: the first
        // `valid` fraction is held out, the rest is the training order.
        let count = matrix.ratingCount
        var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0 ..< count { buffer[k] = Int32(truncatingIfNeeded: k) }
            initialized = count
        }
        if count > 1 {
            for k in stride(from: count - 1, to: 0, by: -1) {
                order.swapAt(k, generator.next(below: k + 1))
            }
        }
        var entryUser = [Int32](repeating: 0, count: count)
        for u in 0 ..< matrix.userCount {
            for k in matrix.entries(ofUser: u) { entryUser[k] = Int32(truncatingIfNeeded: u) }
        }
        func rating(_ k: Int32) -> MFRating {
            let k = Int(k)
            return MFRating(user: entryUser[k], item: matrix.userItems[k], rating: Float(matrix.userRatings[k]))
        }
        let validCount = Int((Double(count) * parameters.validFraction).rounded())
        valid = order[..<validCount].map(rating)

        // Users and movies split into `workers` groups of about equal
        // rating counts; a stable counting sort by block keeps the random
        // order within each block.
        self.workers = workers
        let userGroup = MFState.groups(offsets: matrix.userOffsets, count: workers)
        let itemGroup = MFState.groups(offsets: matrix.itemOffsets, count: workers)
        let trainOrder = order[validCount...]
        var starts = [Int](repeating: 0, count: workers * workers + 1)
        for k in trainOrder {
            let r = Int(k)
            starts[Int(userGroup[Int(entryUser[r])]) * workers + Int(itemGroup[Int(matrix.userItems[r])]) + 1] += 1
        }
        for b in 0 ..< workers * workers { starts[b + 1] += starts[b] }
        blocks = (0 ..< workers * workers).map { starts[$0] ..< starts[$0 + 1] }
        var next = starts
        var train = [MFRating](repeating: MFRating(user: 0, item: 0, rating: 0), count: trainOrder.count)
        for k in trainOrder {
            let r = rating(k)
            let b = Int(userGroup[Int(r.user)]) * workers + Int(itemGroup[Int(r.item)])
            train[next[b]] = r
            next[b] += 1
        }
        self.train = train
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

extension SeededGenerator {
    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw cut at ±2 (redrawn outside), by Box–Muller.
    mutating func truncatedNormal() -> Double {
        while true {
            let u1 = 1 - nextUnit(), u2 = nextUnit()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            if abs(z) <= 2 { return z }
        }
    }
}
