/// The eigenvalues and eigenvectors of a small real symmetric matrix, by
/// cyclic Jacobi rotations: exact to rounding, no library needed.
///
/// Used by ``PrincipalComponents`` on a factors × factors (or points ×
/// points) matrix, which is small enough (50 × 50 by default) that the
/// cubic cost per sweep does not matter.
public struct SymmetricEigen: Sendable {
    /// The eigenvalues, largest first (ties keep their diagonal order).
    public let values: [Double]
    /// `vectors[k]` is the unit eigenvector of `values[k]`.
    public let vectors: [[Double]]

    /// Decomposes the symmetric `m × m` matrix given row by row in `matrix`
    /// (only its upper triangle is read).
    ///
    /// Sweeps rotate every off-diagonal pair to zero until the off-diagonal
    /// part's norm is below 1e-12 of the matrix's (Jacobi converges
    /// quadratically: about 6–10 sweeps), at most 100 sweeps. Eigenvalues
    /// are then exact to about 1e-24 relative, eigenvectors to 1e-12; asking
    /// for less than that would never stop, as rounding in each rotation
    /// leaves about 1e-16 behind.
    ///
    /// - Throws: ``RecLabError`` when `matrix` is not square or holds a value
    ///   that is not finite; on cancellation (polled once per sweep).
    /// - Complexity: O(m³) per sweep.
    public init(symmetric matrix: [[Double]], cancel: Cancellation = .never) throws(RecLabError) {
        let m = matrix.count
        guard matrix.allSatisfy({ $0.count == m }) else { throw RecLabError("the matrix is not square") }
        guard matrix.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw RecLabError("the matrix holds a value that is not a finite number")
        }
        // Flat row-major storage; the lower triangle is mirrored from the upper.
        var a = [Double](repeating: 0, count: m * m)
        for i in 0 ..< m { for j in i ..< m { a[i * m + j] = matrix[i][j]; a[j * m + i] = matrix[i][j] } }
        var v = [Double](repeating: 0, count: m * m)
        for i in 0 ..< m { v[i * m + i] = 1 }
        let scale = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0 ..< 100 {
            try cancel.check()
            var off = 0.0
            for i in 0 ..< m { for j in 0 ..< m where i != j { off += a[i * m + j] * a[i * m + j] } }
            if off <= scale * 1e-24 { break }
            a.withUnsafeMutableBufferPointer { a in
                v.withUnsafeMutableBufferPointer { v in
                    guard let a = a.baseAddress, let v = v.baseAddress else { return }
                    for p in 0 ..< m { for q in p + 1 ..< m { SymmetricEigen.rotate(a, v, m, p, q) } }
                }
            }
        }
        let order = (0 ..< m).sorted { a[$0 * m + $0] != a[$1 * m + $1] ? a[$0 * m + $0] > a[$1 * m + $1] : $0 < $1 }
        values = order.map { a[$0 * m + $0] }
        vectors = order.map { k in (0 ..< m).map { v[$0 * m + k] } }
    }

    /// Zeroes `a[p][q]` by the rotation Jᵀ·a·J in the (p, q) plane, and
    /// accumulates J into the eigenvector columns `v`.
    ///
    /// Through pointers: with arrays, the uniqueness and bounds checks cost
    /// more than the arithmetic of these short loops.
    private static func rotate(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, _ m: Int,
                               _ p: Int, _ q: Int) {
        let apq = a[p * m + q]
        // Already negligible beside its diagonal: zero it without a rotation.
        guard abs(apq) > 1e-18 * (abs(a[p * m + p]) + abs(a[q * m + q])) else {
            a[p * m + q] = 0
            a[q * m + p] = 0
            return
        }
        let theta = (a[q * m + q] - a[p * m + p]) / (2 * apq)
        // The smaller rotation angle, tan = t; for huge θ, t ≈ 1/(2θ) avoids θ² overflowing.
        let t = abs(theta) > 1e150 ? 1 / (2 * theta)
            : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0 ..< m {
            let kp = a[k * m + p], kq = a[k * m + q]
            a[k * m + p] = c * kp - s * kq
            a[k * m + q] = s * kp + c * kq
        }
        for k in 0 ..< m {
            let pk = a[p * m + k], qk = a[q * m + k]
            a[p * m + k] = c * pk - s * qk
            a[q * m + k] = s * pk + c * qk
        }
        // Exactly zero by construction; rounding would leave a trace.
        a[p * m + q] = 0
        a[q * m + p] = 0
        for k in 0 ..< m {
            let kp = v[k * m + p], kq = v[k * m + q]
            v[k * m + p] = c * kp - s * kq
            v[k * m + q] = s * kp + c * kq
        }
    }
}
