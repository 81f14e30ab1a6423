extension EASE {
    /// Trains on `matrix`: the Gram matrix XᵀX of the kept movies (how many
    /// people rated both of each pair), λ added to its diagonal, its
    /// inverse P, and B = I − P · diag(1 / diag P).
    ///
    /// Deterministic: the Gram matrix is counted exactly and the inverse is
    /// LAPACK's.
    ///
    /// `cancel` is polled while counting co-ratings and between the stages
    /// (the inverse runs to its end: under a second at the defaults on
    /// ml-latest-small, minutes at ``maximumMovies``), and told of them (stage `ease`: `co-ratings`, `inverse`, `weights`).
    ///
    /// - Throws: ``RecLabError`` for settings out of range, no movie with
    ///   enough ratings, more than ``maximumMovies`` kept, or cancellation.
    /// - Complexity: O(Σ_u r_u² + n³) for r_u the kept ratings of user u
    ///   and n the movies kept; O(n²) memory.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> EASE {
        try parameters.validate()
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        let (kept, position) = keptMovies(matrix, minRatings: parameters.minRatings)
        guard !kept.isEmpty else {
            throw RecLabError("no movie has \(parameters.minRatings) ratings or more; lower min_ratings",
                              subject: "min_ratings")
        }
        guard kept.count <= maximumMovies else {
            throw RecLabError("ease would keep \(kept.count) movies, more than the \(maximumMovies) it can invert "
                              + "in memory; raise min_ratings", subject: "min_ratings")
        }
        let n = kept.count
        cancel.report("ease", fraction: 0, detail: "co-ratings of \(n) movies")
        var gram = coRatings(matrix, kept: kept, position: position, cancel: cancel)
        try cancel.check()
        for a in 0 ..< n { gram[a * n + a] += parameters.regularization }
        try cancel.check()
        // LAPACK says nothing while it works: no fraction, only the time spent.
        cancel.report("ease", fraction: .nan, detail: "inverse of \(n) × \(n)")
        try SymmetricInverse.invert(&gram, n: n)
        try cancel.check()
        cancel.report("ease", fraction: 0.9, detail: "weights")
        let weights = gram.withUnsafeBufferPointer { p in
            [Float](unsafeUninitializedCapacity: n * n) { out, count in
                for a in 0 ..< n {
                    for b in 0 ..< n {
                        out[a * n + b] = a == b ? 0 : Float(-p[a * n + b] / p[b * n + b])
                    }
                }
                count = n * n
            }
        }
        return EASE(parameters: parameters, matrix: matrix, kept: kept, position: position, weights: weights)
    }

    /// XᵀX over the kept movies, row-major: entry (a, b) counts the users
    /// who rated both kept movies a and b (the diagonal, each one's ratings).
    /// Each core fills whole rows, so the counts are exact and in no order.
    /// A cancelled count stops between rows (the caller then throws).
    ///
    /// - Complexity: O(Σ_u r_u²).
    static func coRatings(_ matrix: RatingMatrix, kept: [Int32], position: [Int32],
                          cancel: Cancellation = .never) -> [Double] {
        let n = kept.count
        // Work per row: the ratings of everyone who rated the movie.
        var offsets = [0]
        offsets.reserveCapacity(n + 1)
        for i in kept {
            var work = 0
            for k in matrix.entries(ofItem: Int(i)) { work += matrix.entries(ofUser: Int(matrix.itemUsers[k])).count }
            offsets.append(offsets[offsets.count - 1] + work)
        }
        var gram = [Double](repeating: 0, count: n * n)
        gram.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = SendablePointer(base)
            Parallel.forEach(Parallel.ranges(weightedBy: offsets, minimumWeight: 1 << 20)) { rows in
                for a in rows {
                    if cancel.isCancelled { return }
                    let row = out.pointer + a * n
                    for k in matrix.entries(ofItem: Int(kept[a])) {
                        for e in matrix.entries(ofUser: Int(matrix.itemUsers[k])) {
                            let b = position[Int(matrix.userItems[e])]
                            if b >= 0 { row[Int(b)] += 1 }
                        }
                    }
                }
            }
        }
        return gram
    }
}
