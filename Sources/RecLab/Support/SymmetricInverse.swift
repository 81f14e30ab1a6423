import CLapack

/// The inverse of a large dense symmetric positive definite matrix, by
/// LAPACK's Cholesky factorisation and inverse (`dpotrf`, `dpotri`) from
/// OpenBLAS, which block the work for the caches and use every core.
/// ``Cholesky`` stays the tool for the small k × k systems of alternating
/// least squares, where a call into LAPACK would cost more than the solve.
///
/// A call runs to its end: LAPACK cannot be stopped midway, and running it
/// on a worker to return early on Ctrl-C left OpenBLAS computing when the
/// process exited, where its shutdown waits forever for its own threads.
public enum SymmetricInverse {
    /// Replaces the `n × n` symmetric positive definite matrix in `a`
    /// (row-major, both triangles filled) by its inverse, both triangles
    /// filled.
    ///
    /// - Throws: ``RecLabError`` when the matrix is not numerically positive
    ///   definite (`a` is then partly overwritten), or too large for LAPACK's
    ///   32-bit sizes.
    /// - Complexity: O(n³): n³/3 multiply-adds to factor and 2n³/3 to invert.
    public static func invert(_ a: inout [Double], n: Int) throws(RecLabError) {
        precondition(a.count == n * n, "a must hold n × n numbers")
        guard n > 0 else { return }
        guard n <= 46_340 else { throw RecLabError("a \(n) × \(n) matrix is too large to invert") }
        var size = Int32(n), info: Int32 = 0
        // Row-major lower is column-major upper: LAPACK sees the transpose,
        // which is the same symmetric matrix.
        var upper = CChar(UInt8(ascii: "U"))
        a.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var lda = size
            dpotrf_(&upper, &size, base, &lda, &info, 1)
            if info == 0 { dpotri_(&upper, &size, base, &lda, &info, 1) }
        }
        guard info == 0 else {
            throw RecLabError(info > 0 ? "the matrix is not positive definite (pivot \(info))"
                                       : "LAPACK refused argument \(-info)")
        }
        // dpotri leaves the column-major upper triangle: row-major, the lower
        // one (j ≤ i). Mirror it into the other half.
        for i in 0 ..< n {
            for j in 0 ..< i { a[j * n + i] = a[i * n + j] }
        }
    }
}
