import CLapack
import Dispatch

/// The inverse of a large dense symmetric positive definite matrix, by
/// LAPACK's Cholesky factorisation and inverse (`dpotrf`, `dpotri`) from
/// OpenBLAS, which block the work for the caches and use every core.
/// ``Cholesky`` stays the tool for the small k × k systems of alternating
/// least squares, where a call into LAPACK would cost more than the solve.
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

    /// ``invert(_:n:)`` on a worker thread, polling `cancel` every 50 ms:
    /// LAPACK cannot be stopped midway, so on Ctrl-C the caller gets
    /// ``RecLabError/cancelled`` at once and the worker finishes on its own,
    /// then frees its matrix. Pass the matrix with `consume` to lend it
    /// without a copy.
    ///
    /// - Throws: what ``invert(_:n:)`` throws, or cancellation.
    /// - Complexity: O(n³), as ``invert(_:n:)``.
    public static func inverted(_ a: [Double], n: Int, cancel: Cancellation) throws(RecLabError) -> [Double] {
        let job = InversionJob(matrix: a)
        DispatchQueue.global().async {
            do throws(RecLabError) { try invert(&job.matrix, n: n) } catch { job.error = error }
            job.done.signal()
        }
        while job.done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if cancel.isCancelled { throw RecLabError.cancelled }
        }
        if let error = job.error { throw error }
        return job.matrix
    }
}

/// The matrix a worker inverts, and how it ended; touched by the worker
/// until it signals `done`, and by the caller only after.
private final class InversionJob: @unchecked Sendable {
    var matrix: [Double]
    var error: RecLabError?
    let done = DispatchSemaphore(value: 0)

    init(matrix: [Double]) { self.matrix = matrix }
}
