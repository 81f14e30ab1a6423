extension ImplicitMF {
    /// Trains on `matrix` as LensKit's `ImplicitMF(method='lu')`: small
    /// positive starting vectors (squares of normal draws × 0.01, users and
    /// movies each from a generator of their own), then `iters` iterations,
    /// each solving every user's vector exactly and then every movie's (so
    /// the users' starting vectors are never used, as in LensKit).
    ///
    /// The same seed gives the same model, whatever the number of cores:
    /// each row is solved on its own from the fixed other side.
    ///
    /// `cancel` is told as each iteration ends (stage `implicit`, detail
    /// `iteration 3 of 20`) and polled between half-sweeps.
    ///
    /// - Throws: ``RecLabError`` for settings out of range, a matrix with no
    ///   ratings, or cancellation.
    /// - Complexity: O(iters × (r k² + (users + movies) k³)) for r ratings
    ///   and k features, spread over the cores.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> ImplicitMF {
        try parameters.validate()
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        let k = parameters.features
        var items = initialRows(count: matrix.itemCount, k: k, seed: ALSModel.mix(parameters.seed, 2))
        var users = initialRows(count: matrix.userCount, k: k, seed: ALSModel.mix(parameters.seed, 1))
        let (userSide, itemSide) = (ALSSide.users(matrix), ALSSide.items(matrix))
        let (reg, weight, total) = (parameters.regularization, parameters.weight, parameters.iterations)
        for iteration in 0 ..< total {
            try cancel.check()
            halfSweep(userSide, rows: &users, other: items, otherCount: matrix.itemCount, k: k, reg: reg, weight: weight)
            try cancel.check()
            halfSweep(itemSide, rows: &items, other: users, otherCount: matrix.userCount, k: k, reg: reg, weight: weight)
            cancel.report("implicit", fraction: Double(iteration + 1) / Double(total),
                          detail: "iteration \(iteration + 1) of \(total)")
        }
        let gram = gram(of: items, count: matrix.itemCount, k: k, regularization: reg)
        return ImplicitMF(parameters: parameters, matrix: matrix, users: users, items: items, gram: gram)
    }

    /// `count` rows of `k` squares of normal draws × 0.01, as LensKit starts.
    static func initialRows(count: Int, k: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< count * k).map { _ in
            let x = 0.01 * generator.normal()
            return x * x
        }
    }

    /// Solves every row of one side with the other side fixed (LensKit's
    /// `_train_implicit_lu`). Rows without ratings keep their vectors.
    ///
    /// Rows are independent, so contiguous ranges of about equal work are
    /// solved in parallel; each row's arithmetic is the same whoever
    /// solves it.
    ///
    /// - Complexity: O(other rows × k² + r × k² + rows × k³), spread over the cores.
    static func halfSweep(_ side: ALSSide, rows: inout [Double], other: [Double], otherCount: Int, k: Int,
                          reg: Double, weight: Double) {
        let gram = gram(of: other, count: otherCount, k: k, regularization: reg)
        // Work per row: about k²/2 per rating for A and k³/6 to factor it.
        var longest = 0, work = [Int](repeating: 0, count: side.count + 1)
        for row in 0 ..< side.count {
            let n = side.offsets[row + 1] - side.offsets[row]
            longest = max(longest, n)
            work[row + 1] = work[row] + n + k / 3 + 2
        }
        let ranges = Parallel.ranges(weightedBy: work, minimumWeight: 4096)
        let rowLimit = longest
        rows.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            Parallel.forEach(ranges) { range in
                let scratch = ALSScratch(m: k, longest: rowLimit)
                defer { scratch.release() }
                other.withUnsafeBufferPointer { otherBuffer in
                    side.others.withUnsafeBufferPointer { others in
                        gram.withUnsafeBufferPointer { g in
                            guard let q = otherBuffer.baseAddress, let o = others.baseAddress,
                                  let g = g.baseAddress else { return }
                            for row in range {
                                let entries = side.offsets[row] ..< side.offsets[row + 1]
                                guard !entries.isEmpty else { continue }
                                solveRow(others: o + entries.lowerBound, count: entries.count, gram: g, other: q,
                                         k: k, weight: weight, scratch: scratch, out: out.pointer + row * k)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Builds and solves one row's system A x = b, A = `gram` + weight ×
    /// Σ q_j q_jᵀ and b = (1 + weight) × Σ q_j over its n rated columns j,
    /// and writes x to `out` (left as it was if A is not numerically
    /// positive definite). Long rows are gathered feature by feature so
    /// each entry of A is a vectorised dot product of two columns.
    ///
    /// - Complexity: O(n k² + k³).
    @inline(__always)
    static func solveRow(others: UnsafePointer<Int32>, count n: Int, gram: UnsafePointer<Double>,
                         other: UnsafePointer<Double>, k: Int, weight: Double, scratch: ALSScratch,
                         out: UnsafeMutablePointer<Double>) {
        let (a, b, x) = (scratch.a, scratch.b, scratch.columns)
        let byColumn = n >= 16
        let (step, stride) = byColumn ? (1, n) : (k, 1)
        for t in 0 ..< n {
            let q = other + Int(others[t]) * k
            let base = x + t * step
            for f in 0 ..< k { base[f * stride] = q[f] }
        }
        if byColumn {
            for f in 0 ..< k {
                let column = x + f * n
                var sum = 0.0
                for t in 0 ..< n { sum += column[t] }
                b[f] = sum
                for g in 0 ... f { a[f * k + g] = ALSModel.dot(column, x + g * n, n) }
            }
        } else {
            a.update(repeating: 0, count: k * k)
            b.update(repeating: 0, count: k)
            for t in 0 ..< n {
                let row = x + t * k
                for f in 0 ..< k {
                    let value = row[f], rowF = a + f * k
                    b[f] += value
                    for g in 0 ... f { rowF[g] += value * row[g] }
                }
            }
        }
        let confidence = 1 + weight
        for f in 0 ..< k {
            for g in 0 ... f { a[f * k + g] = gram[f * k + g] + weight * a[f * k + g] }
            b[f] *= confidence
        }
        guard Cholesky.factor(a, k) else { return }
        Cholesky.solveLower(a, k, b)
        Cholesky.solveUpper(a, k, b)
        for f in 0 ..< k { out[f] = b[f] }
    }
}
