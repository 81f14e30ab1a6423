/// The cost `lowrank` minimises and its gradient, over a vector holding
/// every user's vector then every movie's:
///
///     f = ½ Σ (u·m − t)² + (reg / 2) Σ x²,
///     ∂f/∂u = Σ_m (u·m − t) m + reg·u,   ∂f/∂m = Σ_u (u·m − t) u + reg·m,
///
/// t the rating (minus the movie's mean when normalised).
///
/// The user gradients are summed walking each user's ratings, the movie
/// gradients walking each movie's, so every row of the gradient is written
/// by one worker in a fixed order and the squared errors are added per
/// user, then over users in order: the result is the same to the bit
/// whatever the number of cores.
struct LowRankCost: Sendable {
    let matrix: RatingMatrix
    /// Numbers per row of x (features padded with zeros to a multiple of 4).
    let width: Int
    let regularization: Double
    /// The targets of the by-user entries and of the by-item entries.
    let userTargets: [Double]
    let itemTargets: [Double]
    /// Contiguous user ranges and item ranges of about equal numbers of
    /// ratings, one per worker (a single range for small data).
    let userParts: [Range<Int>]
    let itemParts: [Range<Int>]

    /// Below this many ratings per extra worker, one thread does it all:
    /// handing work to a second core costs more than the tutorial's whole
    /// 680-rating evaluation.
    static let ratingsPerWorker = 16_384

    /// The cost of factoring `matrix` (its ratings minus `itemMeans`, when
    /// given) into rows of `width` numbers, a multiple of 4; tests lower
    /// `ratingsPerWorker` to run the parallel path on small data.
    init(matrix: RatingMatrix, width: Int, regularization: Double, itemMeans: [Double]?,
         ratingsPerWorker: Int = LowRankCost.ratingsPerWorker) {
        precondition(width % 4 == 0, "rows are whole SIMD4 lanes")
        self.matrix = matrix
        self.width = width
        self.regularization = regularization
        if let itemMeans {
            userTargets = zip(matrix.userRatings, matrix.userItems).map { $0 - itemMeans[Int($1)] }
            var byItem = matrix.itemRatings
            for i in 0 ..< matrix.itemCount {
                for k in matrix.entries(ofItem: i) { byItem[k] -= itemMeans[i] }
            }
            itemTargets = byItem
        } else {
            (userTargets, itemTargets) = (matrix.userRatings, matrix.itemRatings)
        }
        userParts = Parallel.ranges(weightedBy: matrix.userOffsets, minimumWeight: ratingsPerWorker)
        itemParts = Parallel.ranges(weightedBy: matrix.itemOffsets, minimumWeight: ratingsPerWorker)
    }

    /// The number of variables: (users + movies) × width.
    var dimension: Int { (matrix.userCount + matrix.itemCount) * width }

    /// f(x), writing ∇f(x) into `gradient`.
    ///
    /// - Complexity: O(ratings × features + dimension), the ratings part
    ///   split over the cores.
    func evaluate(_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        guard let xs = x.baseAddress, let gs = gradient.baseAddress else { return 0 }
        let (xp, gp) = (SharedPointer(xs), SendablePointer(gs))
        var userErrors = [Double](repeating: 0, count: matrix.userCount)
        userErrors.withUnsafeMutableBufferPointer { errors in
            guard let base = errors.baseAddress else { return }
            let ep = SendablePointer(base)
            Parallel.forEach(userParts) { users in
                rows(users, of: .users, x: xp.pointer, gradient: gp.pointer, errors: ep.pointer)
            }
        }
        Parallel.forEach(itemParts) { items in
            rows(items, of: .items, x: xp.pointer, gradient: gp.pointer, errors: nil)
        }
        let squares = MinimizerVector.dot(xs, xs, x.count)
        return 0.5 * userErrors.reduce(0, +) + 0.5 * regularization * squares
    }

    /// Σ (u·m − t)² over the training ratings.
    ///
    /// - Complexity: O(ratings × features).
    func squaredError(_ x: [Double]) -> Double {
        var gradient = [Double](repeating: 0, count: x.count)
        var userErrors = [Double](repeating: 0, count: matrix.userCount)
        x.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { g in
                userErrors.withUnsafeMutableBufferPointer { e in
                    guard let xs = x.baseAddress, let gs = g.baseAddress, let es = e.baseAddress else { return }
                    let (xp, gp, ep) = (SharedPointer(xs), SendablePointer(gs), SendablePointer(es))
                    Parallel.forEach(userParts) { users in
                        rows(users, of: .users, x: xp.pointer, gradient: gp.pointer, errors: ep.pointer)
                    }
                }
            }
        }
        return userErrors.reduce(0, +)
    }

    private enum Side { case users, items }

    /// The gradient rows of users (or movies) `range`: reg·x plus the error
    /// of each of their ratings times the other side's vector; for users,
    /// also each user's sum of squared errors.
    private func rows(_ range: Range<Int>, of side: Side, x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>,
                      errors: UnsafeMutablePointer<Double>?) {
        let lanes = width / 4, reg = regularization
        let rowBytes = width * MemoryLayout<Double>.stride, userBlock = matrix.userCount * rowBytes
        // Byte offsets of this side's rows and of the other side's, in x.
        let (own, other) = side == .users ? (0, userBlock) : (userBlock, 0)
        let offsets = side == .users ? matrix.userOffsets : matrix.itemOffsets
        let partners = side == .users ? matrix.userItems : matrix.itemUsers
        let targets = side == .users ? userTargets : itemTargets
        // Rows are read and written as SIMD4 lanes through raw pointers (the
        // memory stays bound to Double).
        let xr = UnsafeRawPointer(x), gr = UnsafeMutableRawPointer(gradient)
        let lane = MemoryLayout<SIMD4<Double>>.stride
        partners.withUnsafeBufferPointer { partners in
            targets.withUnsafeBufferPointer { targets in
                for row in range {
                    let mine = xr + own + row * rowBytes, g = gr + own + row * rowBytes
                    for c in 0 ..< lanes {
                        g.storeBytes(of: reg * mine.loadUnaligned(fromByteOffset: c * lane, as: SIMD4<Double>.self),
                                     toByteOffset: c * lane, as: SIMD4<Double>.self)
                    }
                    var sum = 0.0
                    for entry in offsets[row] ..< offsets[row + 1] {
                        let theirs = xr + other + Int(partners[entry]) * rowBytes
                        var dot = SIMD4<Double>()
                        for c in 0 ..< lanes {
                            dot += mine.loadUnaligned(fromByteOffset: c * lane, as: SIMD4<Double>.self)
                                * theirs.loadUnaligned(fromByteOffset: c * lane, as: SIMD4<Double>.self)
                        }
                        let error = dot.sum() - targets[entry]
                        sum += error * error
                        for c in 0 ..< lanes {
                            let updated = g.loadUnaligned(fromByteOffset: c * lane, as: SIMD4<Double>.self)
                                + error * theirs.loadUnaligned(fromByteOffset: c * lane, as: SIMD4<Double>.self)
                            g.storeBytes(of: updated, toByteOffset: c * lane, as: SIMD4<Double>.self)
                        }
                    }
                    errors?[row] = sum
                }
            }
        }
    }
}

/// A read-only pointer handed to parallel workers.
struct SharedPointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}
