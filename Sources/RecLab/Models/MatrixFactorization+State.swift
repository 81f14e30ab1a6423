import Foundation

/// One training rating, packed so a minibatch is one sequential read.
struct MFRating: Sendable {
    var user: Int32
    var item: Int32
    var rating: Float
}

/// The rows of one side (users or movies) with Adam's moments beside them.
///
/// Row `r` is one record of ``stride`` floats at `r × stride`:
/// - ``headerFloats`` (8) floats of bookkeeping for the fit that is running
///   (``MFRowHeader``: the row's stamp and batch slot as 32-bit integers,
///   then three doubles of the schedule); meaningless outside a fit;
/// - the parameters: the vector's `factors` numbers, then the bias, then
///   zeros up to `width` (a multiple of 4, so the kernel works in whole
///   `SIMD4` lanes);
/// - Adam's first moment, in the same `width` lanes;
/// - Adam's second moment, likewise.
///
/// A training step that touches a row reads and writes one contiguous run
/// of about ten cache lines, rather than a run per array and the fit's
/// bookkeeping elsewhere.
struct MFTable: Sendable {
    /// Floats of a record's header.
    static let headerFloats = 8
    /// Floats per part of a record (factors + bias, rounded up to 4).
    let width: Int
    /// `rows × stride` floats.
    var records: [Float]

    /// Floats per record: header, parameters, first moment, second moment.
    var stride: Int { MFTable.headerFloats + 3 * width }
    /// The number of rows.
    var rowCount: Int { records.count / stride }

    /// `rows` rows drawn from fast.ai's initialisation (truncated normal,
    /// σ = 0.01, cut at ±2σ) for the vector and bias, each row from its own
    /// stream of `seed` (so the rows are drawn on all cores, the same way
    /// every time); zero padding, moments and header.
    ///
    /// - Complexity: O(rows × width).
    init(rows: Int, factors: Int, width: Int, seed: UInt64) {
        self.width = width
        let stride = MFTable.headerFloats + 3 * width
        records = [Float](repeating: 0, count: rows * stride)
        records.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let shared = SendablePointer(base)
            Parallel.forEach(Parallel.ranges(count: rows, minimumChunk: 16_384)) { range in
                for r in range {
                    var generator = SeededGenerator(seed: seed ^ (UInt64(r) &* 0xD6E8_FEB8_6659_FD93))
                    let row = shared.pointer + r * stride + MFTable.headerFloats
                    var f = 0
                    while f <= factors {
                        let (a, b) = generator.truncatedNormalPair()
                        row[f] = Float(0.01 * a)
                        if f + 1 <= factors { row[f + 1] = Float(0.01 * b) }
                        f += 2
                    }
                }
            }
        }
    }

    /// Row `r`'s parameters, first and second moments (`width` floats each).
    func row(_ r: Int) -> (params: ArraySlice<Float>, m: ArraySlice<Float>, v: ArraySlice<Float>) {
        let base = r * stride + MFTable.headerFloats
        return (records[base ..< base + width], records[base + width ..< base + 2 * width],
                records[base + 2 * width ..< base + 3 * width])
    }

    /// Replaces row `r`'s parameters and moments (`width` floats each).
    mutating func setRow(_ r: Int, params: some Collection<Float>, m: some Collection<Float>,
                         v: some Collection<Float>) {
        precondition(params.count == width && m.count == width && v.count == width, "a row is \(width) floats")
        let base = r * stride + MFTable.headerFloats
        records.replaceSubrange(base ..< base + width, with: params)
        records.replaceSubrange(base + width ..< base + 2 * width, with: m)
        records.replaceSubrange(base + 2 * width ..< base + 3 * width, with: v)
    }

    /// Parameter `f` of row `r` (`f == factors` is the bias).
    @inline(__always)
    func param(_ r: Int, _ f: Int) -> Float { records[r * stride + MFTable.headerFloats + f] }

    /// Row `r`'s parameters (the vector, the bias, padding).
    func params(_ r: Int) -> ArraySlice<Float> {
        let base = r * stride + MFTable.headerFloats
        return records[base ..< base + width]
    }

    /// A private copy of the rows for a training epoch to write, made by
    /// both cores. Copying here replaces the copy-on-write copy the epoch's
    /// first write would make of rows shared with the last snapshot; 4 kB
    /// pages, as a block's rows (at most ``MatrixFactorization/blockBytes``)
    /// fit the TLB, and asking for 2 MB ones made this copy take up to 0.9 s
    /// at 33.8M ratings (the kernel compacting memory) instead of 0.1 s.
    ///
    /// - Complexity: O(rows × width).
    func privateCopy() -> MFTable {
        var copy = self
        let source = records
        copy.records = [Float](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            if let to = buffer.baseAddress {
                source.withUnsafeBufferPointer { from in
                    guard let from = from.baseAddress else { return }
                    let (out, input) = (SendablePointer(to), SendablePointer(UnsafeMutablePointer(mutating: from)))
                    Parallel.forEach(Parallel.ranges(count: source.count, minimumChunk: 1 << 20)) { range in
                        (out.pointer + range.lowerBound).initialize(from: input.pointer + range.lowerBound,
                                                                    count: range.count)
                    }
                }
            }
            initialized = source.count
        }
        return copy
    }
}

/// Everything training changes, plus the split and the order it trains in.
struct MFState: Sendable {
    /// Floats per part of a row record (factors + bias, rounded up to 4).
    let width: Int
    var users: MFTable
    var items: MFTable
    /// Adam steps taken over the model's life (for the moments' debiasing).
    var step: Int
    /// The training ratings grouped into ``MFStrata`` blocks, in a fixed
    /// random order within each block.
    let train: [MFRating]
    /// How ``train`` is cut into blocks.
    let strata: MFStrata
    /// The held-out ratings, by user then movie.
    let valid: [MFRating]

    /// Splits `matrix` by `parameters.seed` and draws the initial rows;
    /// `grid` is the number of user (and movie) groups of ``MFStrata``.
    /// Between its stages (about a second in all at 33.8M ratings) it
    /// reports to `cancel` and stops when Ctrl-C asks.
    ///
    /// - Complexity: O(ratings + (users + items) × factors).
    init(matrix: RatingMatrix, parameters: MatrixFactorization.Parameters, grid: Int,
         cancel: Cancellation = .never) throws(RecLabError) {
        let stage = "preparing mf"
        cancel.report(stage, fraction: 0)
        var generator = SeededGenerator(seed: parameters.seed)
        width = (parameters.factors + 1 + 3) / 4 * 4
        users = MFTable(rows: matrix.userCount, factors: parameters.factors, width: width, seed: generator.next())
        items = MFTable(rows: matrix.itemCount, factors: parameters.factors, width: width, seed: generator.next())
        step = 0
        try cancel.check()
        cancel.report(stage, fraction: 0.25)

        // Selection sampling (Knuth's algorithm S) over the ratings in CSR
        // order holds out exactly `validCount` of them, every such subset
        // equally likely, and leaves both parts sorted by user.
        let count = matrix.ratingCount
        let validCount = Int((Double(count) * parameters.validFraction).rounded())
        var held = [Bool](repeating: false, count: count)
        var needed = validCount
        for k in 0 ..< count where needed > 0 {
            if generator.next(below: count - k) < needed {
                held[k] = true
                needed -= 1
            }
        }
        var valid: [MFRating] = []
        valid.reserveCapacity(validCount)
        for u in 0 ..< matrix.userCount {
            for k in matrix.entries(ofUser: u) where held[k] {
                valid.append(MFRating(user: Int32(u), item: matrix.userItems[k], rating: Float(matrix.userRatings[k])))
            }
        }
        self.valid = valid
        try cancel.check()
        cancel.report(stage, fraction: 0.5)
        strata = MFStrata(matrix: matrix, held: held, grid: grid)
        try cancel.check()
        cancel.report(stage, fraction: 0.6)
        train = strata.order(matrix: matrix, held: held, seed: generator.next())
        try cancel.check()
        cancel.report(stage, fraction: 1)
    }
}

extension SeededGenerator {
    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Two independent standard normal draws, each cut at ±2 (redrawn
    /// outside), by Box–Muller (both of its outputs).
    mutating func truncatedNormalPair() -> (Double, Double) {
        var first: Double?
        while true {
            let radius = (-2 * log(1 - nextUnit())).squareRoot(), angle = 2 * Double.pi * nextUnit()
            for k in 0 ..< 2 {
                let z = radius * (k == 0 ? cos(angle) : sin(angle))
                guard abs(z) <= 2 else { continue }
                guard let a = first else {
                    first = z
                    continue
                }
                return (a, z)
            }
        }
    }
}
