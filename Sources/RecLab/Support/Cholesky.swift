/// Solving small dense symmetric positive definite systems A x = b by
/// Cholesky factorisation A = L Lᵀ (L lower triangular), without BLAS: the
/// k × k normal equations of alternating least squares and of fold-in.
///
/// Matrices are row-major `n × n` buffers of which only the lower triangle
/// is read; the factor overwrites it in place.
public enum Cholesky {
    /// Factors A in place into L, A = L Lᵀ, reading and writing the lower
    /// triangle of `a` (row-major, `n × n`), except that the diagonal holds
    /// 1 / L_jj: the solves then multiply instead of dividing.
    ///
    /// - Returns: `false` when A is not numerically positive definite (a
    ///   pivot is not a positive finite number); `a` is then partly
    ///   overwritten.
    /// - Complexity: O(n³ / 3) multiply-adds.
    @inlinable
    static func factor(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        for j in 0 ..< n {
            let rowJ = a + j * n
            var diagonal = rowJ[j]
            for k in 0 ..< j { diagonal -= rowJ[k] * rowJ[k] }
            guard diagonal > 0, diagonal.isFinite else { return false }
            let inverse = 1 / diagonal.squareRoot()
            rowJ[j] = inverse
            for i in j + 1 ..< n {
                let rowI = a + i * n
                var sum = rowI[j]
                for k in 0 ..< j { sum -= rowI[k] * rowJ[k] }
                rowI[j] = sum * inverse
            }
        }
        return true
    }

    /// Overwrites `b` with the solution of L y = b (forward substitution),
    /// L as ``factor(_:_:)`` leaves it.
    ///
    /// - Complexity: O(n²).
    @inlinable
    static func solveLower(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0 ..< n {
            let row = l + i * n
            var sum = b[i]
            for k in 0 ..< i { sum -= row[k] * b[k] }
            b[i] = sum * row[i]
        }
    }

    /// Overwrites `b` with the solution of Lᵀ x = b (back substitution),
    /// L as ``factor(_:_:)`` leaves it.
    /// With `b` standard normal draws, x is a draw from N(0, A⁻¹).
    ///
    /// - Complexity: O(n²).
    @inlinable
    static func solveUpper(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>) {
        var i = n - 1
        while i >= 0 {
            var sum = b[i]
            for k in i + 1 ..< n { sum -= l[k * n + i] * b[k] }
            b[i] = sum * l[i * n + i]
            i -= 1
        }
    }

    /// Solves A x = b for a symmetric positive definite A given whole or by
    /// its lower triangle (row-major, `n × n`).
    ///
    /// - Returns: x, or `nil` when A is not positive definite or the sizes
    ///   do not match.
    /// - Complexity: O(n³).
    public static func solve(_ a: [Double], _ b: [Double]) -> [Double]? {
        let n = b.count
        guard a.count == n * n else { return nil }
        var l = a, x = b
        let solved = l.withUnsafeMutableBufferPointer { lp in
            x.withUnsafeMutableBufferPointer { xp in
                guard let lb = lp.baseAddress, let xb = xp.baseAddress else { return n == 0 }
                guard factor(lb, n) else { return false }
                solveLower(lb, n, xb)
                solveUpper(lb, n, xb)
                return true
            }
        }
        return solved ? x : nil
    }

    /// The factor L of A (row-major, zeros above the diagonal), or `nil`
    /// when A is not positive definite.
    ///
    /// - Complexity: O(n³).
    public static func factor(_ a: [Double], n: Int) -> [Double]? {
        guard n >= 0, a.count == n * n else { return nil }
        var l = a
        let ok = l.withUnsafeMutableBufferPointer { p in p.baseAddress.map { factor($0, n) } ?? (n == 0) }
        guard ok else { return nil }
        for i in 0 ..< n {
            l[i * n + i] = 1 / l[i * n + i]
            for j in i + 1 ..< max(i + 1, n) { l[i * n + j] = 0 }
        }
        return l
    }
}
