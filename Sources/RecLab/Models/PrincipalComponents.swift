/// Principal component analysis of a few points (movie vectors): the
/// directions along which the centred points spread most, and each point's
/// coordinates along them — what fast.ai's lesson does with
/// `movie_w.pca(3)` to draw the movies on a plane.
///
/// Sign convention: each component is flipped so that its loading of
/// largest magnitude (the first such on an exact tie) is positive, so the
/// same points always give the same picture.
public struct PrincipalComponents: Sendable {
    /// The mean of the points, subtracted before projecting.
    public let mean: [Double]
    /// `loadings[k]` is component k's unit direction (one number per
    /// dimension), in decreasing order of variance.
    public let loadings: [[Double]]
    /// The variance of the points along each component (sample variance,
    /// divided by points − 1).
    public let variances: [Double]
    /// The total variance of the points over all dimensions.
    public let totalVariance: Double
    /// Each point's coordinate along each component (`points × components`).
    public let projections: [[Double]]

    /// The share of the total variance each component explains (0 when the
    /// points are all equal).
    public var varianceShares: [Double] {
        variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// The first `components` principal components of `points` (rows of
    /// equal length d).
    ///
    /// The eigenvectors come from ``SymmetricEigen`` on the d × d covariance,
    /// or, when there are fewer points than dimensions, on the points ×
    /// points Gram matrix of the centred points (same nonzero eigenvalues;
    /// direction = Xᵀu normalised). A component with no variance left
    /// (more components than the points span) gets a unit direction
    /// orthogonal to the earlier ones, and every point projects to 0 on it.
    ///
    /// - Throws: ``RecLabError`` when there are fewer than 2 points, rows of
    ///   different lengths, a value that is not finite, `components` below 1
    ///   or above d; on cancellation.
    /// - Complexity: O(n·d·m + m³ × sweeps) for n points, m = min(n, d).
    public init(points: [[Double]], components: Int = 2, cancel: Cancellation = .never) throws(RecLabError) {
        let n = points.count
        guard n >= 2 else { throw RecLabError("principal components need at least 2 points (got \(n))") }
        let d = points[0].count
        guard points.allSatisfy({ $0.count == d }) else { throw RecLabError("the points have different numbers of coordinates") }
        guard components >= 1, components <= d else {
            throw RecLabError("cannot take \(components) components of \(d)-dimensional points")
        }
        guard points.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw RecLabError("a point has a coordinate that is not a finite number")
        }
        var mean = [Double](repeating: 0, count: d)
        for p in points { for j in 0 ..< d { mean[j] += p[j] } }
        for j in 0 ..< d { mean[j] /= Double(n) }
        let x = points.map { p in (0 ..< d).map { p[$0] - mean[$0] } }
        let divisor = Double(n - 1)
        let total = x.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } } / divisor

        var directions: [[Double]] = []
        var variances: [Double] = []
        if d <= n {
            let covariance = try PrincipalComponents.covariance(x, divisor: divisor, cancel: cancel)
            let eigen = try SymmetricEigen(symmetric: covariance, cancel: cancel)
            directions = Array(eigen.vectors.prefix(components))
            variances = eigen.values.prefix(components).map { max(0, $0) }
        } else {
            var gram = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0 ..< n { for j in i ..< n { gram[i][j] = PrincipalComponents.dot(x[i], x[j]) / divisor } }
            let eigen = try SymmetricEigen(symmetric: gram, cancel: cancel)
            let largest = max(eigen.values.first ?? 0, 0)
            for (value, u) in zip(eigen.values, eigen.vectors) where directions.count < components {
                // Below rounding, Xᵀu is noise, not a direction of the points.
                guard value > largest * 1e-12, value > 0 else { break }
                var w = [Double](repeating: 0, count: d)
                for (k, row) in x.enumerated() { for j in 0 ..< d { w[j] += u[k] * row[j] } }
                directions.append(PrincipalComponents.normalised(w))
                variances.append(value)
            }
        }
        // Directions for components the points do not span: the first axes
        // not yet in the span, made orthogonal (Gram–Schmidt).
        var axis = 0
        while directions.count < components, axis < d {
            var w = [Double](repeating: 0, count: d)
            w[axis] = 1
            axis += 1
            for e in directions { let c = PrincipalComponents.dot(w, e); for j in 0 ..< d { w[j] -= c * e[j] } }
            let norm = PrincipalComponents.dot(w, w).squareRoot()
            guard norm > 1e-6 else { continue }
            directions.append(w.map { $0 / norm })
            variances.append(0)
        }
        loadings = directions.map(PrincipalComponents.signed)
        self.variances = variances
        self.mean = mean
        totalVariance = total
        let loadings = self.loadings
        projections = x.map { row in loadings.map { PrincipalComponents.dot(row, $0) } }
    }

    /// The upper triangle of Xᵀ·X / `divisor` for the rows `x` (d numbers
    /// each), row by row; the lower triangle is left 0.
    ///
    /// - Complexity: O(n·d²/2), through pointers: nested arrays would check
    ///   uniqueness and bounds on every one of the n·d²/2 updates.
    static func covariance(_ x: [[Double]], divisor: Double, cancel: Cancellation) throws(RecLabError) -> [[Double]] {
        let d = x.first?.count ?? 0
        var flat = [Double](repeating: 0, count: d * d)
        for (k, row) in x.enumerated() {
            if k % 4096 == 4095 { try cancel.check() }
            flat.withUnsafeMutableBufferPointer { c in
                row.withUnsafeBufferPointer { r in
                    for i in 0 ..< d where r[i] != 0 {
                        let ri = r[i], base = i * d
                        for j in i ..< d { c[base + j] += ri * r[j] }
                    }
                }
            }
        }
        return (0 ..< d).map { i in (0 ..< d).map { flat[i * d + $0] / divisor } }
    }

    /// `v` flipped so its entry of largest magnitude (the first on a tie) is positive.
    static func signed(_ v: [Double]) -> [Double] {
        var best = 0
        for j in v.indices where abs(v[j]) > abs(v[best]) { best = j }
        return v.isEmpty || v[best] >= 0 ? v : v.map { -$0 }
    }

    /// a·b over `a`'s length.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for j in a.indices { s += a[j] * b[j] }
        return s
    }

    /// `v` scaled to length 1 (unchanged when it is zero).
    static func normalised(_ v: [Double]) -> [Double] {
        let norm = dot(v, v).squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
