/// The last few (step, gradient change) pairs of an L-BFGS run, kept in a
/// ring, and the two-loop recursion that turns them into a direction.
struct LBFGSHistory {
    private let dimension: Int
    private let memory: Int
    /// Pair k's step s and gradient change y at `k * dimension` (ring order).
    private var steps: [Double]
    private var changes: [Double]
    private var rho: [Double]
    /// The ring index of the oldest pair, and how many pairs are kept.
    private var oldest = 0
    private(set) var count = 0

    /// An empty history of at most `memory` pairs (0: never keeps any).
    init(dimension: Int, memory: Int) {
        self.dimension = dimension
        self.memory = memory
        steps = [Double](repeating: 0, count: dimension * memory)
        changes = steps
        rho = [Double](repeating: 0, count: memory)
    }

    /// Whether there is no curvature information yet.
    var isEmpty: Bool { count == 0 }

    /// Forgets every pair (after a restart on steepest descent).
    mutating func clear() { (oldest, count) = (0, 0) }

    /// Keeps s = step·direction and y = newGradient − oldGradient, dropping
    /// the oldest pair when full. A pair with sᵀy not safely positive
    /// (possible only where the curvature condition failed) is skipped, so
    /// the implied Hessian stays positive definite.
    ///
    /// - Complexity: O(dimension).
    mutating func record(step: Double, direction: [Double], oldGradient: [Double], newGradient: [Double]) {
        guard memory > 0 else { return }
        let slot = (oldest + count) % memory
        let n = dimension
        let (sy, yy) = steps.withUnsafeMutableBufferPointer { s in
            changes.withUnsafeMutableBufferPointer { y in
                guard let s = s.baseAddress, let y = y.baseAddress else { return (0.0, 0.0) }
                let (sk, yk) = (s + slot * n, y + slot * n)
                direction.withUnsafeBufferPointer { d in
                    newGradient.withUnsafeBufferPointer { new in
                        oldGradient.withUnsafeBufferPointer { old in
                            guard let d = d.baseAddress, let new = new.baseAddress, let old = old.baseAddress else { return }
                            sk.update(from: d, count: n)
                            MinimizerVector.scale(step, sk, n)
                            yk.update(from: new, count: n)
                            MinimizerVector.addScaled(-1, old, to: yk, n)
                        }
                    }
                }
                return (MinimizerVector.dot(sk, yk, n), MinimizerVector.dot(yk, yk, n))
            }
        }
        guard sy > 1e-10 * yy, sy > 0 else { return }
        rho[slot] = 1 / sy
        if count < memory { count += 1 } else { oldest = (oldest + 1) % memory }
    }

    /// −H·g, H the L-BFGS inverse-Hessian estimate scaled by sᵀy/yᵀy of the
    /// newest pair (−g when the history is empty).
    ///
    /// - Complexity: O(count × dimension).
    func direction(gradient g: [Double], into out: inout [Double]) {
        let n = dimension
        var alpha = [Double](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { out in
            g.withUnsafeBufferPointer { g in
                if let o = out.baseAddress, let g = g.baseAddress { o.update(from: g, count: n) }
            }
        }
        steps.withUnsafeBufferPointer { s in
            changes.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { q in
                    guard let s = s.baseAddress, let y = y.baseAddress, let q = q.baseAddress else { return }
                    func pair(_ k: Int) -> (s: UnsafePointer<Double>, y: UnsafePointer<Double>, rho: Double) {
                        let slot = (oldest + k) % memory
                        return (s + slot * n, y + slot * n, rho[slot])
                    }
                    for k in stride(from: count - 1, through: 0, by: -1) {
                        let p = pair(k)
                        alpha[k] = p.rho * MinimizerVector.dot(p.s, q, n)
                        MinimizerVector.addScaled(-alpha[k], p.y, to: q, n)
                    }
                    if count > 0 {
                        let newest = pair(count - 1)
                        let gamma = 1 / (newest.rho * MinimizerVector.dot(newest.y, newest.y, n))
                        MinimizerVector.scale(gamma, q, n)
                    }
                    for k in 0 ..< count {
                        let p = pair(k)
                        let beta = p.rho * MinimizerVector.dot(p.y, q, n)
                        MinimizerVector.addScaled(alpha[k] - beta, p.s, to: q, n)
                    }
                    MinimizerVector.scale(-1, q, n)
                }
            }
        }
    }
}
