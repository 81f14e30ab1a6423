/// How a half-sweep solves each user's (or movie's) row.
enum ALSSolve: Sendable {
    /// Least squares (LensKit's BiasedMF): the vector only, against what
    /// the fixed biases leave over, with penalty `regularization × n` for a
    /// row of n ratings.
    case ridge(regularization: Double)
    /// Bayesian: vector and bias together against what μ and the other
    /// side's bias leave over, with noise precision `noise` and a normal
    /// prior of `mean` and `precision` per number; the posterior mean, plus
    /// a posterior draw when `draw`.
    case posterior(noise: Double, mean: [Double], precision: [Double], draw: Bool)
}

/// One side of the rating matrix as a half-sweep walks it: CSR rows of
/// (other-side index, rating).
struct ALSSide: Sendable {
    var count: Int
    var offsets: [Int]
    var others: [Int32]
    var ratings: [Double]

    /// The by-user rows of `matrix`.
    static func users(_ matrix: RatingMatrix) -> ALSSide {
        ALSSide(count: matrix.userCount, offsets: matrix.userOffsets, others: matrix.userItems, ratings: matrix.userRatings)
    }

    /// The by-item rows of `matrix`.
    static func items(_ matrix: RatingMatrix) -> ALSSide {
        ALSSide(count: matrix.itemCount, offsets: matrix.itemOffsets, others: matrix.itemUsers, ratings: matrix.itemRatings)
    }
}

extension ALSModel {
    /// Solves every row of one side with the other side fixed: `rows` (and
    /// `other`) hold `width` numbers per row, the vector then the bias.
    /// When `meanSums` is given, each row's solved mean (before any draw)
    /// is added to it, the Rao–Blackwellised average of the Gibbs sampler.
    ///
    /// Rows are independent, so they are solved in parallel on contiguous
    /// ranges of about equal numbers of ratings; each row's draws come from
    /// its own generator, seeded by `seed` and the row's index, so the
    /// result does not depend on how the rows were shared out.
    ///
    /// - Complexity: O(r × k² + n × k³) for r ratings on the side's n rows,
    ///   k = `width`, spread over the cores.
    static func halfSweep(_ side: ALSSide, rows: inout [Double], other: [Double], width: Int, mean: Double,
                          solve: ALSSolve, seed: UInt64, meanSums: UnsafeMutablePointer<Double>? = nil,
                          scales: (own: [Double], other: [Double])? = nil) {
        let sums = meanSums.map(SendablePointer.init)
        let m: Int
        switch solve {
        case .ridge: m = width - 1
        case .posterior: m = width
        }
        // Work per row: about m²/2 per rating for A, m³/6 to factor it, so
        // a row costs as much as m/3 ratings more than its own.
        var longest = 0, work = [Int](repeating: 0, count: side.count + 1)
        for row in 0 ..< side.count {
            let n = side.offsets[row + 1] - side.offsets[row]
            longest = max(longest, n)
            work[row + 1] = work[row] + n + m / 3 + 2
        }
        let ranges = Parallel.ranges(weightedBy: work, minimumWeight: 4096)
        let rowLimit = longest
        // Each rating's terms are weighted by √(its other row's scale).
        let roots = scales.map { (own: $0.own, other: $0.other.map { $0.squareRoot() }) }
        rows.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            Parallel.forEach(ranges) { range in
                let scratch = ALSScratch(m: m, longest: rowLimit)
                defer { scratch.release() }
                other.withUnsafeBufferPointer { otherBuffer in
                    side.others.withUnsafeBufferPointer { others in
                        side.ratings.withUnsafeBufferPointer { ratings in
                            guard let q = otherBuffer.baseAddress, let o = others.baseAddress,
                                  let r = ratings.baseAddress else { return }
                            for row in range {
                                let entries = side.offsets[row] ..< side.offsets[row + 1]
                                solveRow(row, others: o + entries.lowerBound, ratings: r + entries.lowerBound,
                                         count: entries.count, out: out.pointer + row * width, other: q, width: width,
                                         mean: mean, solve: solve, seed: seed, scratch: scratch,
                                         meanSum: sums.map { $0.pointer + row * width },
                                         scales: roots.map { ($0.own[row], $0.other) })
                            }
                        }
                    }
                }
            }
        }
    }

    /// Builds and solves one row's normal equations A x = b, then writes x
    /// (and, for a draw, x plus L⁻ᵀz with z standard normal, A = L Lᵀ)
    /// into `out`; with `meanSum`, adds x to it too. The other side's rows
    /// of the n ratings are first gathered into the scratch memory.
    @inline(__always)
    private static func solveRow(_ row: Int, others: UnsafePointer<Int32>, ratings: UnsafePointer<Double>, count n: Int,
                                 out: UnsafeMutablePointer<Double>, other: UnsafePointer<Double>, width: Int,
                                 mean: Double, solve: ALSSolve, seed: UInt64, scratch: ALSScratch,
                                 meanSum: UnsafeMutablePointer<Double>?, scales: (own: Double, otherRoots: [Double])?) {
        let k = width - 1, m = scratch.m
        let (a, b, x, y) = (scratch.a, scratch.b, scratch.columns, scratch.targets)
        // The least-squares fit keeps the row's own bias fixed; the
        // Bayesian one solves it as one more number against a constant 1.
        let ownBias = m == k ? out[k] : 0
        // Long rows are gathered feature by feature, so each entry of A is
        // a dot product of two contiguous columns (which vectorises); short
        // ones rating by rating, for rank-one updates without the dot
        // products' set-up.
        let byColumn = n >= 16
        let (step, stride) = byColumn ? (1, n) : (m, 1)
        for t in 0 ..< n {
            let j = Int(others[t])
            let q = other + j * width
            // Rating t's noise precision is scaled by its other row's
            // scale: weighted least squares, each term times √scale.
            let root = scales?.otherRoots[j] ?? 1
            y[t] = (ratings[t] - mean - q[k] - ownBias) * root
            let base = x + t * step
            for f in 0 ..< k { base[f * stride] = q[f] * root }
            if m > k { base[k * stride] = root }
        }
        if byColumn {
            for f in 0 ..< m {
                let column = x + f * n
                b[f] = dot(column, y, n)
                for g in 0 ... f { a[f * m + g] = dot(column, x + g * n, n) }
            }
        } else {
            a.update(repeating: 0, count: m * m)
            b.update(repeating: 0, count: m)
            for t in 0 ..< n {
                let row = x + t * m, target = y[t]
                for f in 0 ..< m {
                    let value = row[f], rowF = a + f * m
                    b[f] += value * target
                    for g in 0 ... f { rowF[g] += value * row[g] }
                }
            }
        }
        var draw = false
        switch solve {
        case .ridge(let regularization):
            let penalty = regularization * Double(n)
            for f in 0 ..< m { a[f * m + f] += penalty }
        case .posterior(let baseNoise, let priorMean, let precision, let drawn):
            let noise = baseNoise * (scales?.own ?? 1)
            for f in 0 ..< m {
                for g in 0 ... f { a[f * m + g] *= noise }
                a[f * m + f] += precision[f]
                b[f] = b[f] * noise + precision[f] * priorMean[f]
            }
            draw = drawn
        }
        guard Cholesky.factor(a, m) else { return }
        Cholesky.solveLower(a, m, b)
        Cholesky.solveUpper(a, m, b)
        for f in 0 ..< m { out[f] = b[f] }
        if let meanSum { for f in 0 ..< m { meanSum[f] += b[f] } }
        if draw {
            var generator = SeededGenerator(seed: ALSModel.mix(seed, UInt64(row)))
            generator.fillNormals(b, count: m)
            Cholesky.solveUpper(a, m, b)
            for f in 0 ..< m { out[f] += b[f] }
        }
    }

    /// A seed for one purpose from a base seed and a number (SplitMix64's
    /// finaliser of their combination), so that draws for different rows
    /// and sweeps are independent.
    static func mix(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (value &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
